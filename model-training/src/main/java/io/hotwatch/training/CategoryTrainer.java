package io.hotwatch.training;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.FeatureVocabulary;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.model.ModelMetadata;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.util.MathArrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
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

  private static final int SCORING_BATCH = 8192;

  private final TrainingSettings settings;

  public CategoryTrainer(TrainingSettings settings) {
    this.settings = settings;
  }

  /** One epoch's figures: mean minibatch loss while training (cross-entropy plus L2) and validation log loss. */
  public record EpochLoss(int epoch, double trainLoss, double validationLogLoss) {}

  /** What a training run produced. */
  public record TrainingReport(
      Path artifact, ModelMetadata metadata, int baselineCells, List<EpochLoss> epochs, Duration elapsed) {}

  /** Trains on the corpus and writes model.zip, metadata.json and baseline.json into {@code artifactDir}. */
  public TrainingReport train(IncidentCorpus corpus, Path artifactDir) throws IOException {
    long started = System.nanoTime();
    List<Incident> rows = corpus.incidents();
    int validationSize = (int) Math.round(rows.size() * settings.validationShare());
    List<Incident> training = rows.subList(0, rows.size() - validationSize);
    if (training.isEmpty()) {
      throw new IllegalArgumentException("no training rows left after holding out " + validationSize + " for validation");
    }

    FeatureVocabulary vocabulary =
        FeatureVocabulary.learn(training, settings.maxLocationTypes(), FeatureVocabulary.DEFAULT_MIN_SHARE);
    FeatureEncoder encoder = new FeatureEncoder(vocabulary);
    List<String> categories = categoriesIn(training);
    Map<String, Integer> categoryIndex = new HashMap<>();
    categories.forEach(c -> categoryIndex.put(c, categoryIndex.size()));
    List<Incident> validation =
        rows.subList(training.size(), rows.size()).stream().filter(i -> categoryIndex.containsKey(i.category())).toList();
    if (validation.size() < validationSize) {
      LOG.info("{} validation rows dropped: their category never occurs in training", validationSize - validation.size());
    }
    double[] prior = prior(training, categoryIndex);
    LOG.info(
        "training on {} rows [{} .. {}], validating on {} rows [{} .. {}]; {} features, {} categories",
        training.size(), training.get(0).occurredAt(), training.get(training.size() - 1).occurredAt(), validation.size(),
        validation.isEmpty() ? "-" : validation.get(0).occurredAt(),
        validation.isEmpty() ? "-" : validation.get(validation.size() - 1).occurredAt(), encoder.width(), categories.size());

    INDArray trainFeatures = encode(encoder, training);
    int[] trainLabels = labels(training, categoryIndex);
    INDArray validationFeatures = validation.isEmpty() ? null : encode(encoder, validation);
    int[] validationLabels = labels(validation, categoryIndex);

    NormalizerStandardize normalizer = fitNormalizer(trainFeatures);
    normalizer.transform(trainFeatures);
    if (validationFeatures != null) {
      normalizer.transform(validationFeatures);
    }

    MultiLayerNetwork network = network(encoder.width(), categories.size());
    List<EpochLoss> epochs = new ArrayList<>();
    INDArray bestParams = null;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = settings.epochs();
    RandomGenerator random = new Well19937c(settings.seed());
    float[] trainRows = trainFeatures.data().asFloat();
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      double trainLoss = fitEpoch(network, trainRows, encoder.width(), trainLabels, categories.size(), random, epoch);
      double validationLoss =
          validationFeatures == null
              ? Double.NaN
              : score(network, validationFeatures, validationLabels, categories, prior).logLoss();
      epochs.add(new EpochLoss(epoch, trainLoss, validationLoss));
      LOG.info("epoch {}/{}: train loss {}, validation log loss {}", epoch, settings.epochs(), round(trainLoss), round(validationLoss));
      if (validationLoss < bestLoss) {
        bestLoss = validationLoss;
        bestEpoch = epoch;
        bestParams = network.params().dup();
      }
    }
    if (bestParams != null) {
      network.setParams(bestParams);
    }

    Map<String, Double> metrics = new LinkedHashMap<>();
    CategoryScores trainScores = score(network, trainFeatures, trainLabels, categories, prior);
    metrics.put("trainLogLoss", trainScores.logLoss());
    metrics.put("trainTop1Accuracy", trainScores.top1Accuracy());
    if (validationFeatures != null) {
      CategoryScores validationScores = score(network, validationFeatures, validationLabels, categories, prior);
      metrics.put("validationLogLoss", validationScores.logLoss());
      metrics.put("validationPriorLogLoss", validationScores.priorLogLoss());
      metrics.put("validationTop1Accuracy", validationScores.top1Accuracy());
      metrics.put("validationTop3Accuracy", validationScores.top3Accuracy());
      metrics.put("validationPriorTop1Accuracy", validationScores.priorTop1Accuracy());
      metrics.put("validationMacroF1", validationScores.macroF1());
    }
    metrics.put("bestEpoch", (double) bestEpoch);

    ModelMetadata metadata =
        new ModelMetadata(
            FeatureEncoder.SCHEMA_VERSION,
            categories,
            Arrays.stream(prior).boxed().toList(),
            vocabulary,
            corpus.from().toString(),
            corpus.to().toString(),
            training.size(),
            validation.size(),
            metrics,
            describe(encoder.width(), categories.size(), bestEpoch),
            corpus.inputs());
    new CategoryModel(network, normalizer, metadata).save(artifactDir);
    BaselineRates baseline =
        BaselineRates.fit(corpus.incidents().stream(), settings.resolution(), corpus.from(), corpus.to());
    baseline.save(artifactDir.resolve(CategoryModel.BASELINE_FILE));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "wrote {} (best epoch {}, {} baseline cells at resolution {}) in {} s",
        artifactDir, bestEpoch, baseline.cellCount(), settings.resolution(), elapsed.toSeconds());
    return new TrainingReport(artifactDir, metadata, baseline.cellCount(), List.copyOf(epochs), elapsed);
  }

  /** Scores encoded, normalised rows in batches. */
  static CategoryScores score(
      MultiLayerNetwork network, INDArray features, int[] labels, List<String> categories, double[] prior) {
    CategoryScorer scorer = new CategoryScorer(categories, prior);
    long rows = features.rows();
    for (int start = 0; start < rows; start += SCORING_BATCH) {
      int end = (int) Math.min(rows, start + SCORING_BATCH);
      INDArray batch = features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
      scorer.add(network.output(batch, false).dup('c').data().asFloat(), Arrays.copyOfRange(labels, start, end));
    }
    return scorer.scores();
  }

  /**
   * One pass in a fresh random order. Batches are gathered on the heap: {@code INDArray.getRows} over a large array
   * costs ~50 ms per 1024 rows, more than the gradient step itself.
   */
  private double fitEpoch(
      MultiLayerNetwork network, float[] features, int width, int[] labels, int categories, RandomGenerator random, int epoch) {
    int rows = labels.length;
    int[] order = MathArrays.natural(rows);
    MathArrays.shuffle(order, random);
    double lossSum = 0;
    ProgressBarBuilder bar =
        new ProgressBarBuilder()
            .setTaskName("epoch " + epoch + "/" + settings.epochs())
            .setInitialMax(rows)
            .setUnit(" rows", 1)
            .setUpdateIntervalMillis(1000)
            .setConsumer(new ConsoleProgressBarConsumer(System.err));
    try (ProgressBar progress = bar.build()) {
      for (int start = 0; start < rows; start += settings.batchSize()) {
        int size = Math.min(rows - start, settings.batchSize());
        float[] x = new float[size * width];
        float[] y = new float[size * categories];
        for (int i = 0; i < size; i++) {
          int row = order[start + i];
          System.arraycopy(features, row * width, x, i * width, width);
          y[i * categories + labels[row]] = 1f;
        }
        network.fit(
            new DataSet(
                Nd4j.create(x, new long[] {size, width}, 'c'), Nd4j.create(y, new long[] {size, categories}, 'c')));
        lossSum += network.score() * size;
        progress.stepBy(size);
      }
    }
    return lossSum / rows;
  }

  private MultiLayerNetwork network(int inputs, int outputs) {
    NeuralNetConfiguration.ListBuilder layers =
        new NeuralNetConfiguration.Builder()
            .seed(settings.seed())
            .dataType(DataType.FLOAT)
            .updater(new Adam(settings.learningRate()))
            .l2(settings.l2())
            .weightInit(WeightInit.RELU)
            .list();
    int previous = inputs;
    for (int units : settings.hiddenLayers()) {
      layers.layer(new DenseLayer.Builder().nIn(previous).nOut(units).activation(Activation.RELU).build());
      previous = units;
    }
    layers.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(previous)
            .nOut(outputs)
            .activation(Activation.SOFTMAX)
            .weightInit(WeightInit.XAVIER)
            .build());
    MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
    network.init();
    return network;
  }

  private String describe(int inputs, int outputs, int bestEpoch) {
    String shape =
        inputs + "-" + settings.hiddenLayers().stream().map(String::valueOf).collect(Collectors.joining("-")) + "-" + outputs;
    return "MLP " + shape + ", ReLU hidden layers, softmax output; Adam lr " + settings.learningRate() + ", L2 "
        + settings.l2() + ", batch " + settings.batchSize() + ", " + settings.epochs() + " epochs (kept epoch " + bestEpoch
        + "), seed " + settings.seed();
  }

  /** Categories present in the rows, in taxonomy order. */
  private static List<String> categoriesIn(List<Incident> rows) {
    var present = rows.stream().map(Incident::category).collect(Collectors.toSet());
    return Arrays.stream(CrimeCategory.values()).map(Enum::name).filter(present::contains).toList();
  }

  private static double[] prior(List<Incident> rows, Map<String, Integer> categoryIndex) {
    double[] prior = new double[categoryIndex.size()];
    for (Incident incident : rows) {
      prior[categoryIndex.get(incident.category())]++;
    }
    for (int k = 0; k < prior.length; k++) {
      prior[k] /= rows.size();
    }
    return prior;
  }

  private static NormalizerStandardize fitNormalizer(INDArray features) {
    NormalizerStandardize fitted = new NormalizerStandardize();
    fitted.fit(new DataSet(features, Nd4j.zeros(features.dataType(), features.rows(), 1)));
    INDArray floored = Transforms.max(fitted.getStd(), MIN_FEATURE_STD, true);
    return new NormalizerStandardize(fitted.getMean().dup(), floored);
  }

  private static INDArray encode(FeatureEncoder encoder, List<Incident> rows) {
    int width = encoder.width();
    float[] features = new float[rows.size() * width];
    for (int i = 0; i < rows.size(); i++) {
      encoder.encode(rows.get(i), features, i * width);
    }
    return Nd4j.create(features, new long[] {rows.size(), width}, 'c');
  }

  private static int[] labels(List<Incident> rows, Map<String, Integer> categoryIndex) {
    return rows.stream().mapToInt(i -> categoryIndex.get(i.category())).toArray();
  }

  private static String round(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
