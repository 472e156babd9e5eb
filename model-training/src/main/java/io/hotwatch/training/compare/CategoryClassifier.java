package io.hotwatch.training.compare;

/** A trained classifier that gives a probability for each category of the model's order to standardised rows. */
interface CategoryClassifier {

  /** One row of probabilities (summing to 1) per input row. */
  double[][] probabilities(double[][] rows);
}
