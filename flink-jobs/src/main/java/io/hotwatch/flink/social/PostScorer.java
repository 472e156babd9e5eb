package io.hotwatch.flink.social;

import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.social.RelevanceModel;
import io.hotwatch.flink.functions.MicroBatchOperator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores every social post with the relevance model in micro-batches ({@link MicroBatchOperator}: by size and by
 * processing time, flushed before watermarks, checkpoint barriers and the end of input) and places geotagged posts in
 * their H3 cell.
 */
public final class PostScorer extends MicroBatchOperator<SocialPost, ScoredPost> {

  private static final long serialVersionUID = 1L;

  /** Metrics: posts scored, and those the model calls related. */
  public static final String SCORED_METRIC = "scoredPosts";

  public static final String RELEVANT_METRIC = "relevantPosts";

  private final String modelDir;
  private final int resolution;

  private transient RelevanceModel model;
  private transient CellIndex cells;
  private transient Counter scored;
  private transient Counter relevant;

  /** {@code modelDir} is a relevance model directory readable where the operator runs. */
  public PostScorer(String modelDir, int resolution, int batchSize, long maxDelayMillis) {
    super(batchSize, maxDelayMillis);
    this.modelDir = modelDir;
    this.resolution = resolution;
  }

  @Override
  public void open() throws Exception {
    super.open();
    model = RelevanceModel.load(Path.of(modelDir));
    cells = new CellIndex(resolution);
    scored = getMetricGroup().counter(SCORED_METRIC);
    relevant = getMetricGroup().counter(RELEVANT_METRIC);
  }

  @Override
  protected void process(List<StreamRecord<SocialPost>> pending) {
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
  }
}
