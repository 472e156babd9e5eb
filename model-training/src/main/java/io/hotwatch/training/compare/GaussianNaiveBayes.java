package io.hotwatch.training.compare;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Gaussian naive Bayes: per category, each standardised feature independent and normal, means and variances from
 * commons-math. Tribuo has only a multinomial naive Bayes, which needs count features.
 */
final class GaussianNaiveBayes implements CategoryClassifier {

  /**
   * Added to every variance (features are standardised, so 1% of a feature's overall variance): a one-hot slot never
   * set within a category would otherwise have variance 0 and rule that category out for ever.
   */
  static final double VARIANCE_SMOOTHING = 0.01;

  private final double[] logPrior;
  private final NormalDistribution[][] likelihoods;

  private GaussianNaiveBayes(double[] logPrior, NormalDistribution[][] likelihoods) {
    this.logPrior = logPrior;
    this.likelihoods = likelihoods;
  }

  static GaussianNaiveBayes fit(double[][] rows, int[] labels, int categories) {
    int width = rows[0].length;
    SummaryStatistics[][] stats = new SummaryStatistics[categories][width];
    long[] counts = new long[categories];
    for (int c = 0; c < categories; c++) {
      for (int f = 0; f < width; f++) {
        stats[c][f] = new SummaryStatistics();
      }
    }
    for (int i = 0; i < rows.length; i++) {
      counts[labels[i]]++;
      for (int f = 0; f < width; f++) {
        stats[labels[i]][f].addValue(rows[i][f]);
      }
    }
    double[] logPrior = new double[categories];
    NormalDistribution[][] likelihoods = new NormalDistribution[categories][width];
    for (int c = 0; c < categories; c++) {
      // a category absent from training keeps one pseudo-row so that its probability is small, not zero
      logPrior[c] = Math.log((counts[c] + 1.0) / (rows.length + categories));
      for (int f = 0; f < width; f++) {
        double mean = counts[c] > 0 ? stats[c][f].getMean() : 0;
        double variance = (counts[c] > 1 ? stats[c][f].getPopulationVariance() : 1) + VARIANCE_SMOOTHING;
        likelihoods[c][f] = new NormalDistribution(null, mean, Math.sqrt(variance));
      }
    }
    return new GaussianNaiveBayes(logPrior, likelihoods);
  }

  @Override
  public double[][] probabilities(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      double[] logJoint = logPrior.clone();
      for (int c = 0; c < logJoint.length; c++) {
        for (int f = 0; f < rows[i].length; f++) {
          logJoint[c] += likelihoods[c][f].logDensity(rows[i][f]);
        }
      }
      out[i] = Softmax.of(logJoint, 1.0);
    }
    return out;
  }
}
