package io.hotwatch.training.compare;

import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Per-feature standardisation fitted on training rows, with the network's floor on standard deviations. */
final class Standardizer {

  /** As the network's normaliser: a (nearly) empty one-hot slot must not be scaled into the thousands. */
  static final double MIN_STANDARD_DEVIATION = 0.05;

  private final double[] means;
  private final double[] deviations;

  private Standardizer(double[] means, double[] deviations) {
    this.means = means;
    this.deviations = deviations;
  }

  static Standardizer fit(EncodedRows rows) {
    int width = rows.width();
    double[] means = new double[width];
    double[] deviations = new double[width];
    for (int f = 0; f < width; f++) {
      SummaryStatistics column = new SummaryStatistics();
      for (float[] row : rows.features()) {
        column.addValue(row[f]);
      }
      means[f] = column.getMean();
      deviations[f] = Math.max(column.getStandardDeviation(), MIN_STANDARD_DEVIATION);
    }
    return new Standardizer(means, deviations);
  }

  double[] apply(float[] row) {
    double[] out = new double[row.length];
    for (int f = 0; f < row.length; f++) {
      out[f] = (row[f] - means[f]) / deviations[f];
    }
    return out;
  }
}
