package io.hotwatch.core.trend;

import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.ranking.NaNStrategy;

/**
 * Sen's slope (Sen 1968): the median of the slopes (x[j] - x[i]) / (j - i) over all pairs i < j of a series observed
 * at equally spaced times, a trend magnitude per time step that a few outliers do not move.
 */
public final class SensSlope {

  private SensSlope() {}

  /** The slope per step; 0 for fewer than two values. */
  public static double of(double[] values) {
    int n = values.length;
    if (n < 2) {
      return 0;
    }
    double[] slopes = new double[n * (n - 1) / 2];
    int negative = 0;
    int zero = 0;
    int k = 0;
    for (int i = 0; i < n - 1; i++) {
      for (int j = i + 1; j < n; j++) {
        double slope = (values[j] - values[i]) / (j - i);
        slopes[k++] = slope;
        negative += slope < 0 ? 1 : 0;
        zero += slope == 0 ? 1 : 0;
      }
    }
    // the daily counts of most keys (a district and a rare category) are mostly equal, so most slopes are 0: when
    // both middle ranks fall among the zeros the median is 0, as commons-math would find after selecting them
    int length = slopes.length;
    int lower = length % 2 == 0 ? length / 2 - 1 : length / 2;
    int upper = length / 2;
    if (negative <= lower && upper < negative + zero) {
      return 0.0;
    }
    // commons-math's median averages the two middle values of an even count, as Sen's estimator does; slopes of
    // finite values are never NaN, so the default search for NaNs to remove (a bit set and a copy) is skipped
    return new Median().withNaNStrategy(NaNStrategy.FIXED).evaluate(slopes);
  }
}
