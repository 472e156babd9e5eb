package io.hotwatch.training;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.FeatureVocabulary;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.model.ModelMetadata;
import io.hotwatch.core.model.NetworkInput;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the incident-category network and fits the baseline rates, writing a complete model artifact.
 *
 * <p>The latest {@link TrainingSettings#validationShare()} of the rows by time are held out: the vocabulary, the
 * normaliser and the weights see only the earlier rows, and the epoch with the lowest validation log loss is kept. The
 * baseline rates count every row of the corpus's range, as they are not scored against the validation rows.
 */
public final class CategoryTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(CategoryTrainer.class);

  /**
   * Floor on the normaliser's standard deviations. A one-hot slot rare in training (or empty, like the "other district"
   * slot of a city-wide training set) would otherwise be scaled by up to 1e5 and swamp the network when it does occur.
   */
  static final double MIN_FEATURE_STD = 0.05;

  private final TrainingSettings settings;

  public CategoryTrainer(TrainingSettings settings) {
    this.settings = settings;
  }

  /** One epoch's figures: mean minibatch loss while training (cross-entropy plus L2) and validation log loss. */
  public record EpochLoss(int epoch, double trainLoss, double validationLogLoss) {}

  /** What a training run produced. */
  public record TrainingReport(
      Path artifact, ModelMetadata metadata, int baselineCells, List<EpochLoss> epochs, Duration elapsed) {}

  /** Incidents as the network's input rows (encoded and standardised) with their label indexes. */
  private record EncodedRows(List<IncidentContext> incidents, INDArray features, int[] labels) {
    boolean isEmpty() {
      return incidents.isEmpty();
    }
  }

  /** Trains on the corpus and writes model.zip, metadata.json and baseline.json into {@code artifactDir}. */
  public TrainingReport train(IncidentCorpus corpus, Path artifactDir) throws IOException {
    long started = System.nanoTime();
    List<Incident> rows = corpus.incidents();
    int heldOut = (int) Math.round(rows.size() * settings.validationShare());
    if (rows.size() - heldOut < 1) {
      throw new IllegalArgumentException("no training rows left after holding out " + heldOut + " for validation");
    }
    List<String> categories = categoriesIn(rows.subList(0, rows.size() - heldOut));
    // the local history runs over every row in time order, validation rows included: they count what came before them
    List<IncidentContext> contexts = contexts(rows, categories, settings.resolution());
    List<IncidentContext> earlier = contexts.subList(0, rows.size() - heldOut);
    FittedInput fitted = fitInput(earlier, categories, settings.resolution(), settings.maxLocationTypes());
    FeatureEncoder encoder = fitted.input().encoder();
    NormalizerStandardize normalizer = fitted.normalizer();
    Map<String, Integer> categoryIndex = new HashMap<>();
    categories.forEach(c -> categoryIndex.put(c, categoryIndex.size()));
    List<IncidentContext> later =
        contexts.subList(earlier.size(), rows.size()).stream()
            .filter(c -> categoryIndex.containsKey(c.incident().category()))
            .toList();
    if (later.size() < heldOut) {
      LOG.info("{} validation rows dropped: their category never occurs in training", heldOut - later.size());
    }
    EncodedRows training = encode(fitted.input(), earlier, categoryIndex);
    EncodedRows validation = encode(fitted.input(), later, categoryIndex);
    double[] prior = prior(training.labels(), categories.size());
    LOG.info(
        "training on {} rows {}, validating on {} rows {}; {} features, {} categories",
        earlier.size(), span(earlier), later.size(), span(later), encoder.width(), categories.size());

    CategoryNetwork network = new CategoryNetwork(settings, encoder.width(), categories.size());
    Fit fit = fitKeepingTheBestEpoch(network, training, validation, categories, prior);
    int keptEpoch = fit.keptEpoch();

    ModelMetadata metadata =
        new ModelMetadata(
            FeatureEncoder.SCHEMA_VERSION,
            categories,
            Arrays.stream(prior).boxed().toList(),
            encoder.vocabulary(),
            corpus.from().toString(),
            corpus.to().toString(),
            earlier.size(),
            later.size(),
            metrics(network, training, validation, categories, prior, keptEpoch),
            network.describe(keptEpoch),
            corpus.inputs());
    new CategoryModel(network.network(), normalizer, metadata).save(artifactDir);
    BaselineRates baseline = BaselineRates.fit(rows.stream(), settings.resolution(), corpus.from(), corpus.to());
    baseline.save(artifactDir.resolve(CategoryModel.BASELINE_FILE));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "wrote {} (kept epoch {}, {} baseline cells at resolution {}) in {} s",
        artifactDir, keptEpoch, baseline.cellCount(), settings.resolution(), elapsed.toSeconds());
    return new TrainingReport(artifactDir, metadata, baseline.cellCount(), fit.epochs(), elapsed);
  }

  private record Fit(List<EpochLoss> epochs, int keptEpoch) {}

  /**
   * Runs every epoch and leaves the network with the weights of the epoch of lowest validation log loss (the last
   * epoch's when there are no validation rows).
   */
  private Fit fitKeepingTheBestEpoch(
      CategoryNetwork network, EncodedRows training, EncodedRows validation, List<String> categories, double[] prior) {
    List<EpochLoss> epochs = new ArrayList<>();
    RandomGenerator random = new Well19937c(settings.seed());
    float[] trainingRows = training.features().data().asFloat();
    INDArray bestParams = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int keptEpoch = settings.epochs();
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      double trainLoss =
          network.fitEpoch(trainingRows, training.labels(), random, "epoch " + epoch + "/" + settings.epochs());
      double validationLoss =
          validation.isEmpty()
              ? Double.NaN
              : network.score(validation.features(), validation.labels(), categories, prior).logLoss();
      epochs.add(new EpochLoss(epoch, trainLoss, validationLoss));
      LOG.info(
          "epoch {}/{}: train loss {}, validation log loss {}",
          epoch, settings.epochs(), fourDigits(trainLoss), fourDigits(validationLoss));
      if (validationLoss < bestLoss) {
        bestLoss = validationLoss;
        bestParams = network.params();
        keptEpoch = epoch;
      }
    }
    if (bestParams != null) {
      network.setParams(bestParams);
    }
    return new Fit(List.copyOf(epochs), keptEpoch);
  }

  private static Map<String, Double> metrics(
      CategoryNetwork network, EncodedRows training, EncodedRows validation, List<String> categories, double[] prior,
      int keptEpoch) {
    Map<String, Double> metrics = new HashMap<>();
    CategoryScores trained = network.score(training.features(), training.labels(), categories, prior);
    metrics.put("trainLogLoss", trained.logLoss());
    metrics.put("trainTop1Accuracy", trained.top1Accuracy());
    if (!validation.isEmpty()) {
      CategoryScores validated = network.score(validation.features(), validation.labels(), categories, prior);
      metrics.put("validationLogLoss", validated.logLoss());
      metrics.put("validationPriorLogLoss", validated.priorLogLoss());
      metrics.put("validationTop1Accuracy", validated.top1Accuracy());
      metrics.put("validationTop3Accuracy", validated.top3Accuracy());
      metrics.put("validationPriorTop1Accuracy", validated.priorTop1Accuracy());
      metrics.put("validationMacroF1", validated.macroF1());
    }
    metrics.put("keptEpoch", (double) keptEpoch);
    return metrics;
  }

  /** The rows in their context: cells at {@code resolution} and the local history of the rows before each. */
  static List<IncidentContext> contexts(List<Incident> rows, List<String> categories, int resolution) {
    return new LocalHistory(categories, resolution).sequence().next(rows);
  }

  /** Categories present in the rows, in taxonomy order. */
  private static List<String> categoriesIn(List<Incident> rows) {
    var present = rows.stream().map(Incident::category).collect(Collectors.toSet());
    return Arrays.stream(CrimeCategory.values()).map(Enum::name).filter(present::contains).toList();
  }

  private static double[] prior(int[] labels, int categories) {
    double[] prior = new double[categories];
    for (int label : labels) {
      prior[label]++;
    }
    for (int k = 0; k < categories; k++) {
      prior[k] /= labels.length;
    }
    return prior;
  }

  /** The network's input as fitted on the training rows: their vocabulary and the normaliser of their features. */
  record FittedInput(NetworkInput input, NormalizerStandardize normalizer) {}

  /** Learns the vocabulary and fits the normaliser on the training rows (never on validation rows). */
  static FittedInput fitInput(
      List<IncidentContext> trainingRows, List<String> categories, int resolution, int maxLocationTypes) {
    FeatureVocabulary vocabulary =
        FeatureVocabulary.learn(
            trainingRows, categories, resolution, maxLocationTypes, FeatureVocabulary.DEFAULT_MIN_SHARE);
    FeatureEncoder encoder = new FeatureEncoder(vocabulary);
    int width = encoder.width();
    float[] encoded = new float[trainingRows.size() * width];
    for (int i = 0; i < trainingRows.size(); i++) {
      encoder.encode(trainingRows.get(i), encoded, i * width);
    }
    INDArray features = Nd4j.create(encoded, new long[] {trainingRows.size(), width}, 'c');
    NormalizerStandardize fitted = new NormalizerStandardize();
    fitted.fit(new DataSet(features, Nd4j.zeros(features.dataType(), features.rows(), 1)));
    INDArray floored = Transforms.max(fitted.getStd(), MIN_FEATURE_STD, true);
    NormalizerStandardize normalizer = new NormalizerStandardize(fitted.getMean().dup(), floored);
    return new FittedInput(NetworkInput.of(encoder, normalizer), normalizer);
  }

  /** The rows the network is fitted and validated on: built by the same {@link NetworkInput} that scoring uses. */
  static INDArray inputRows(NetworkInput input, List<IncidentContext> rows) {
    return Nd4j.create(input.rows(rows), new long[] {rows.size(), input.width()}, 'c');
  }

  private static EncodedRows encode(
      NetworkInput input, List<IncidentContext> rows, Map<String, Integer> categoryIndex) {
    if (rows.isEmpty()) {
      return new EncodedRows(rows, null, new int[0]);
    }
    int[] labels = rows.stream().mapToInt(c -> categoryIndex.get(c.incident().category())).toArray();
    return new EncodedRows(rows, inputRows(input, rows), labels);
  }

  private static String span(List<IncidentContext> rows) {
    return rows.isEmpty()
        ? "[]"
        : "[" + rows.get(0).incident().occurredAt() + " .. " + rows.get(rows.size() - 1).incident().occurredAt() + "]";
  }

  private static String fourDigits(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
