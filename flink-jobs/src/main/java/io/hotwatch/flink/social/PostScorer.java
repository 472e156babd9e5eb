package io.hotwatch.flink.social;

import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.social.RelevanceModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores every social post with the relevance model in micro-batches (until {@code batchSize} posts wait or the
 * oldest has waited {@code maxDelayMillis} of processing time) and places geotagged posts in their H3 cell.
 *
 * <p>As the incident scorer does, the buffer is flushed before a watermark is forwarded, before a checkpoint barrier
 * and at the end of input: no post becomes late because of batching and none is lost on recovery.
 */
public final class PostScorer extends AbstractStreamOperator<ScoredPost>
    implements OneInputStreamOperator<SocialPost, ScoredPost>, ProcessingTimeCallback {

  private static final long serialVersionUID = 1L;

  /** Metrics: posts scored, and those the model calls related. */
  public static final String SCORED_METRIC = "scoredPosts";

  public static final String RELEVANT_METRIC = "relevantPosts";

  private final String modelDir;
  private final int resolution;
  private final int batchSize;
  private final long maxDelayMillis;

  private transient RelevanceModel model;
  private transient CellIndex cells;
  private transient List<StreamRecord<SocialPost>> pending;
  private transient ScheduledFuture<?> flushTimer;
  private transient Counter scored;
  private transient Counter relevant;

  /** {@code modelDir} is a relevance model directory readable where the operator runs. */
  public PostScorer(String modelDir, int resolution, int batchSize, long maxDelayMillis) {
    if (batchSize < 1 || maxDelayMillis < 1) {
      throw new IllegalArgumentException("batch size and delay must be at least 1, got " + batchSize + " and "
          + maxDelayMillis + " ms");
    }
    this.modelDir = modelDir;
    this.resolution = resolution;
    this.batchSize = batchSize;
    this.maxDelayMillis = maxDelayMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    model = RelevanceModel.load(Path.of(modelDir));
    cells = new CellIndex(resolution);
    pending = new ArrayList<>(batchSize);
    scored = getMetricGroup().counter(SCORED_METRIC);
    relevant = getMetricGroup().counter(RELEVANT_METRIC);
  }

  @Override
  public void processElement(StreamRecord<SocialPost> record) {
    pending.add(record.copy(record.getValue()));
    if (pending.size() >= batchSize) {
      flush();
    } else if (flushTimer == null) {
      long now = getProcessingTimeService().getCurrentProcessingTime();
      flushTimer = getProcessingTimeService().registerTimer(now + maxDelayMillis, this);
    }
  }

  @Override
  public void onProcessingTime(long time) {
    flushTimer = null;
    flush();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  private void flush() {
    if (flushTimer != null) {
      flushTimer.cancel(false);
      flushTimer = null;
    }
    if (pending.isEmpty()) {
      return;
    }
    List<String> texts = new ArrayList<>(pending.size());
    for (StreamRecord<SocialPost> record : pending) {
      texts.add(record.getValue().text());
    }
    float[] scores = model.score(texts);
    for (int i = 0; i < scores.length; i++) {
      StreamRecord<SocialPost> record = pending.get(i);
      SocialPost post = record.getValue();
      boolean related = model.isRelevant(scores[i]);
      String cell = post.geotagged() ? cells.cellOf(post.latitude(), post.longitude()) : null;
      scored.inc();
      if (related) {
        relevant.inc();
      }
      output.collect(record.replace(new ScoredPost(post, scores[i], related, cell)));
    }
    pending.clear();
  }
}
