package io.hotwatch.training.hotspots;

/**
 * Ranks cells by Hotwatch's expected count for the period: the weighted sum of the long-run baseline and recent
 * activity at several time scales in the cell and around it ({@link IntensityComponents}, {@link IntensityWeights}).
 */
final class HotwatchForecaster implements CellForecaster {

  private final IntensityComponents components;
  private final IntensityWeights weights;

  HotwatchForecaster(IntensityComponents components, IntensityWeights weights) {
    if (!components.names().equals(weights.names())) {
      throw new IllegalArgumentException(
          "weights for " + weights.names() + " do not fit the components " + components.names());
    }
    this.components = components;
    this.weights = weights;
  }

  @Override
  public void observe(int i) {
    components.observe(i);
  }

  @Override
  public double[] scores(Period period) {
    double[][] parts = components.at(period);
    double[] scores = new double[parts.length];
    for (int c = 0; c < scores.length; c++) {
      scores[c] = weights.expected(parts[c]);
    }
    return scores;
  }
}
