package io.hotwatch.training.relevance;

import io.hotwatch.core.social.PostFeaturizer;

/**
 * How the relevance network is trained.
 *
 * @param featureWidth slots of the hashed feature vector (a power of two)
 * @param hiddenUnits units of the one hidden ReLU layer
 * @param maxEpochs passes over the training posts at most
 * @param patience epochs without a lower validation log loss before training stops
 * @param learningRate Adam step size
 * @param l2 weight decay
 * @param batchSize posts per gradient step
 * @param seed seed for the weights and the order of posts
 */
public record RelevanceSettings(
    int featureWidth, int hiddenUnits, int maxEpochs, int patience, double learningRate, double l2, int batchSize,
    long seed) {

  public static final int DEFAULT_HIDDEN_UNITS = 16;
  public static final int DEFAULT_MAX_EPOCHS = 30;
  public static final int DEFAULT_PATIENCE = 3;
  public static final double DEFAULT_LEARNING_RATE = 0.001;
  public static final double DEFAULT_L2 = 0.0001;
  public static final int DEFAULT_BATCH_SIZE = 32;
  public static final long DEFAULT_SEED = 26;

  public RelevanceSettings {
    new PostFeaturizer(featureWidth); // validates the width with the featurizer's own message
    positive("hidden units", hiddenUnits);
    positive("epochs", maxEpochs);
    positive("patience", patience);
    positive("batch size", batchSize);
    if (!(learningRate > 0)) {
      throw new IllegalArgumentException("learning rate " + learningRate + " is not positive");
    }
    if (!(l2 >= 0)) {
      throw new IllegalArgumentException("l2 " + l2 + " is negative");
    }
  }

  public static RelevanceSettings defaults() {
    return new RelevanceSettings(
        PostFeaturizer.DEFAULT_WIDTH, DEFAULT_HIDDEN_UNITS, DEFAULT_MAX_EPOCHS, DEFAULT_PATIENCE, DEFAULT_LEARNING_RATE,
        DEFAULT_L2, DEFAULT_BATCH_SIZE, DEFAULT_SEED);
  }

  private static void positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " " + value + " is below 1");
    }
  }
}
