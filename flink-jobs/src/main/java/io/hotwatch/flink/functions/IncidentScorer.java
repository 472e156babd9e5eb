package io.hotwatch.flink.functions;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.IncidentInCell;
import io.hotwatch.flink.event.ScoredIncident;
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
 * Scores incidents with the category model in micro-batches: one network call per batch costs about what one call per
 * incident does, so incidents are buffered until {@code batchSize} are waiting or the oldest has waited
 * {@code maxDelayMillis} of processing time.
 *
 * <p>The buffer is flushed before a watermark is forwarded (no incident is held past its watermark, so nothing becomes
 * late because of batching), before a checkpoint barrier (the buffer is never part of a snapshot, so nothing is lost
 * on recovery) and at the end of input.
 */
public final class IncidentScorer extends AbstractStreamOperator<ScoredIncident>
    implements OneInputStreamOperator<IncidentInCell, ScoredIncident>, ProcessingTimeCallback {

  private static final long serialVersionUID = 1L;

  /** Floor for p(actual category): a category the model gives ~0 must not make a window's mean surprise infinite. */
  static final double MIN_PROBABILITY = 1e-6;

  /** Metric: network calls made. */
  public static final String BATCHES_METRIC = "scoringBatches";

  private static final int CATEGORY_COUNT = CrimeCategory.values().length;

  private final String modelDir;
  private final int batchSize;
  private final long maxDelayMillis;

  private transient CategoryModel model;
  private transient int[] ordinalOfOutput;
  private transient List<StreamRecord<IncidentInCell>> pending;
  // reused from batch to batch: the incidents of the batch and the model's probabilities, row after row
  private transient List<Incident> batch;
  private transient float[] rows;
  private transient ScheduledFuture<?> flushTimer;
  private transient Counter batches;

  /** {@code modelDir} is a model artifact directory readable where the operator runs. */
  public IncidentScorer(String modelDir, int batchSize, long maxDelayMillis) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
    }
    if (maxDelayMillis < 1) {
      throw new IllegalArgumentException("batch delay " + maxDelayMillis + " ms must be at least 1 ms");
    }
    this.modelDir = modelDir;
    this.batchSize = batchSize;
    this.maxDelayMillis = maxDelayMillis;
  }

  @Override
  public void open() throws Exception {
    super.open();
    model = CategoryModel.load(Path.of(modelDir));
    ordinalOfOutput = ordinals(model.categories(), modelDir);
    pending = new ArrayList<>(batchSize);
    batch = new ArrayList<>(batchSize);
    rows = new float[batchSize * model.categories().size()];
    batches = getMetricGroup().counter(BATCHES_METRIC);
  }

  /** Maps each model output to its category, refusing a model that predicts a category this build does not know. */
  public static int[] ordinals(List<String> outputs, String modelDir) {
    int[] ordinals = new int[outputs.size()];
    for (int i = 0; i < ordinals.length; i++) {
      if (!CrimeCategory.isKnown(outputs.get(i))) {
        throw new IllegalStateException(
            "model at " + modelDir + " predicts category '" + outputs.get(i) + "', which this build does not know");
      }
      ordinals[i] = CrimeCategory.parse(outputs.get(i)).ordinal();
    }
    return ordinals;
  }

  @Override
  public void processElement(StreamRecord<IncidentInCell> record) throws Exception {
    // records may be reused by the caller: keep our own
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
    for (StreamRecord<IncidentInCell> record : pending) {
      batch.add(record.getValue().incident());
    }
    model.predict(batch, rows);
    batches.inc();
    int categories = model.categories().size();
    for (int i = 0; i < pending.size(); i++) {
      StreamRecord<IncidentInCell> record = pending.get(i);
      output.collect(record.replace(score(record.getValue(), rows, i * categories)));
    }
    pending.clear();
    batch.clear();
  }

  /** The incident's scores from its row of model outputs, which starts at {@code from} in {@code rows}. */
  private ScoredIncident score(IncidentInCell placed, float[] rows, int from) {
    float[] probabilities = new float[CATEGORY_COUNT];
    for (int o = 0; o < ordinalOfOutput.length; o++) {
      probabilities[ordinalOfOutput[o]] = rows[from + o];
    }
    int actual = CrimeCategory.parse(placed.incident().category()).ordinal();
    double surprise = -Math.log(Math.max(probabilities[actual], MIN_PROBABILITY));
    return new ScoredIncident(placed.cellId(), placed.incident(), probabilities, surprise);
  }
}
