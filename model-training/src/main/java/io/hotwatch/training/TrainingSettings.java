package io.hotwatch.training;

import io.hotwatch.core.features.FeatureVocabulary;
import io.hotwatch.core.geo.CellIndex;
import java.util.Arrays;
import java.util.List;

/**
 * How to train: network shape, optimiser, split and baseline resolution.
 *
 * @param epochs passes over the training rows; the epoch with the best validation log loss is kept
 * @param seed seeds weight initialisation and shuffling, so that a run can be repeated
 * @param batchSize rows per gradient step
 * @param hiddenLayers units of each hidden ReLU layer
 * @param learningRate Adam's step size
 * @param l2 weight decay on the weights
 * @param validationShare the latest share of rows by time held out for validation
 * @param maxLocationTypes location types with a feature slot of their own
 * @param resolution H3 resolution of the baseline rates
 */
public record TrainingSettings(
    int epochs,
    long seed,
    int batchSize,
    List<Integer> hiddenLayers,
    double learningRate,
    double l2,
    double validationShare,
    int maxLocationTypes,
    int resolution) {

  // the command-line defaults are these constants, so that `train` without options trains the bundled model
  public static final int DEFAULT_EPOCHS = 10;
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_BATCH_SIZE = 1024;
  public static final String DEFAULT_HIDDEN_LAYERS = "128,64";
  public static final double DEFAULT_LEARNING_RATE = 0.003;
  public static final double DEFAULT_L2 = 1e-5;
  public static final double DEFAULT_VALIDATION_SHARE = 0.1;

  public TrainingSettings {
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs " + epochs + " is below 1");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " is below 1");
    }
    if (hiddenLayers.isEmpty() || hiddenLayers.stream().anyMatch(units -> units < 1)) {
      throw new IllegalArgumentException("hidden layers " + hiddenLayers + " must be one or more positive unit counts");
    }
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate " + learningRate + " is not positive");
    }
    if (!(validationShare >= 0 && validationShare < 1)) {
      throw new IllegalArgumentException("validation share " + validationShare + " is outside [0, 1)");
    }
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " is outside [0, 15]");
    }
    hiddenLayers = List.copyOf(hiddenLayers);
  }

  /** What the bundled model was trained with. */
  public static TrainingSettings defaults() {
    return new TrainingSettings(
        DEFAULT_EPOCHS,
        DEFAULT_SEED,
        DEFAULT_BATCH_SIZE,
        Arrays.stream(DEFAULT_HIDDEN_LAYERS.split(",")).map(Integer::valueOf).toList(),
        DEFAULT_LEARNING_RATE,
        DEFAULT_L2,
        DEFAULT_VALIDATION_SHARE,
        FeatureVocabulary.DEFAULT_MAX_LOCATION_TYPES,
        CellIndex.DEFAULT_RESOLUTION);
  }

  public TrainingSettings withEpochs(int value) {
    return new TrainingSettings(value, seed, batchSize, hiddenLayers, learningRate, l2, validationShare, maxLocationTypes, resolution);
  }

  public TrainingSettings withSeed(long value) {
    return new TrainingSettings(epochs, value, batchSize, hiddenLayers, learningRate, l2, validationShare, maxLocationTypes, resolution);
  }

  public TrainingSettings withResolution(int value) {
    return new TrainingSettings(epochs, seed, batchSize, hiddenLayers, learningRate, l2, validationShare, maxLocationTypes, value);
  }
}
