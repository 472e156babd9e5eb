package io.hotwatch.flink.functions;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.IncidentInCell;
import io.hotwatch.flink.event.ScoredIncident;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores incidents with the category model in micro-batches ({@link MicroBatchOperator}: by size and by processing
 * time, flushed before watermarks, checkpoint barriers and the end of input), one network per operator instance.
 */
public final class IncidentScorer extends MicroBatchOperator<IncidentInCell, ScoredIncident> {

  private static final long serialVersionUID = 1L;

  /** Floor for p(actual category): a category the model gives ~0 must not make a window's mean surprise infinite. */
  static final double MIN_PROBABILITY = 1e-6;

  /** Metric: network calls made. */
  public static final String BATCHES_METRIC = "scoringBatches";

  private static final int CATEGORY_COUNT = CrimeCategory.values().length;

  private final String modelDir;

  private transient CategoryModel model;
  private transient int[] ordinalOfOutput;
  // reused from batch to batch: the incidents of the batch and the model's probabilities, row after row
  private transient List<Incident> batch;
  private transient float[] rows;
  private transient Counter batches;

  /** {@code modelDir} is a model artifact directory readable where the operator runs. */
  public IncidentScorer(String modelDir, int batchSize, long maxDelayMillis) {
    super(batchSize, maxDelayMillis);
    this.modelDir = modelDir;
  }

  @Override
  public void open() throws Exception {
    super.open();
    model = CategoryModel.load(Path.of(modelDir));
    ordinalOfOutput = ordinals(model.categories(), modelDir);
    batch = new ArrayList<>(batchSize());
    rows = new float[batchSize() * model.categories().size()];
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
  protected void process(List<StreamRecord<IncidentInCell>> pending) {
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
