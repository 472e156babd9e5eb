package io.hotwatch.training.compare;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Naive Bayes over the encoder's mixed features: each two-valued column (the time flags and the one-hot slots) a
 * Bernoulli variable with Laplace smoothing, each other column normal per category (commons-math). Tribuo has only a
 * multinomial naive Bayes, which needs count features.
 */
final class NaiveBayes implements CategoryClassifier {

  /**
   * Added to every normal column's variance (features are standardised, so 1% of its overall variance): a column
   * nearly constant within a category would otherwise rule that category out for any other value.
   */
  static final double VARIANCE_SMOOTHING = 0.01;

  private final double[] logPrior;
  /** Per binary column, the value above which it counts as set; NaN for a normal column. */
  private final double[] thresholds;
  private final NormalDistribution[][] normals;
  /** log P(set | category) and log P(not set | category) per binary column. */
  private final double[][] logSet;
  private final double[][] logUnset;

  private NaiveBayes(
      double[] logPrior, double[] thresholds, NormalDistribution[][] normals, double[][] logSet, double[][] logUnset) {
    this.logPrior = logPrior;
    this.thresholds = thresholds;
    this.normals = normals;
    this.logSet = logSet;
    this.logUnset = logUnset;
  }

  static NaiveBayes fit(double[][] rows, int[] labels, int categories) {
    int width = rows[0].length;
    double[] thresholds = binaryThresholds(rows);
    SummaryStatistics[][] stats = new SummaryStatistics[categories][width];
    long[][] setCounts = new long[categories][width];
    long[] counts = new long[categories];
    for (int c = 0; c < categories; c++) {
      for (int f = 0; f < width; f++) {
        stats[c][f] = new SummaryStatistics();
      }
    }
    for (int i = 0; i < rows.length; i++) {
      int c = labels[i];
      counts[c]++;
      for (int f = 0; f < width; f++) {
        if (Double.isNaN(thresholds[f])) {
          stats[c][f].addValue(rows[i][f]);
        } else if (rows[i][f] > thresholds[f]) {
          setCounts[c][f]++;
        }
      }
    }
    double[] logPrior = new double[categories];
    NormalDistribution[][] normals = new NormalDistribution[categories][width];
    double[][] logSet = new double[categories][width];
    double[][] logUnset = new double[categories][width];
    for (int c = 0; c < categories; c++) {
      // a category absent from training keeps one pseudo-row so that its probability is small, not zero
      logPrior[c] = Math.log((counts[c] + 1.0) / (rows.length + categories));
      for (int f = 0; f < width; f++) {
        if (Double.isNaN(thresholds[f])) {
          double mean = counts[c] > 0 ? stats[c][f].getMean() : 0;
          double variance = (counts[c] > 1 ? stats[c][f].getPopulationVariance() : 1) + VARIANCE_SMOOTHING;
          normals[c][f] = new NormalDistribution(null, mean, Math.sqrt(variance));
        } else {
          double p = (setCounts[c][f] + 1.0) / (counts[c] + 2.0);
          logSet[c][f] = Math.log(p);
          logUnset[c][f] = Math.log1p(-p);
        }
      }
    }
    return new NaiveBayes(logPrior, thresholds, normals, logSet, logUnset);
  }

  /** Midpoint of the two values of each column that takes at most two, NaN for the others. */
  private static double[] binaryThresholds(double[][] rows) {
    int width = rows[0].length;
    double[] thresholds = new double[width];
    for (int f = 0; f < width; f++) {
      double low = rows[0][f];
      double high = rows[0][f];
      boolean binary = true;
      for (int i = 1; i < rows.length && binary; i++) {
        double v = rows[i][f];
        if (v != low && v != high) {
          if (low == high) {
            low = Math.min(low, v);
            high = Math.max(high, v);
          } else {
            binary = false;
          }
        }
      }
      thresholds[f] = binary ? (low + high) / 2 : Double.NaN;
    }
    return thresholds;
  }

  @Override
  public double[][] probabilities(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      double[] logJoint = Arrays.copyOf(logPrior, logPrior.length);
      for (int c = 0; c < logJoint.length; c++) {
        for (int f = 0; f < rows[i].length; f++) {
          if (Double.isNaN(thresholds[f])) {
            logJoint[c] += normals[c][f].logDensity(rows[i][f]);
          } else {
            logJoint[c] += rows[i][f] > thresholds[f] ? logSet[c][f] : logUnset[c][f];
          }
        }
      }
      out[i] = Softmax.of(logJoint, 1.0);
    }
    return out;
  }
}
