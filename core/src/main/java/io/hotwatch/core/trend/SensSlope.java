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
    int k = 0;
    for (int i = 0; i < n - 1; i++) {
      for (int j = i + 1; j < n; j++) {
        slopes[k++] = (values[j] - values[i]) / (j - i);
      }
    }
    // commons-math's median averages the two middle values of an even count, as Sen's estimator does; slopes of
    // finite values are never NaN, so the default search for NaNs to remove (a bit set and a copy) is skipped
    return new Median().withNaNStrategy(NaNStrategy.FIXED).evaluate(slopes);
  }
}
