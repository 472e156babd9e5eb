package io.hotwatch.core.trend;

import org.apache.commons.math3.util.KthSelector;
import org.apache.commons.math3.util.MedianOf3PivotingStrategy;

/**
 * Sen's slope (Sen 1968): the median of the slopes (x[j] - x[i]) / (j - i) over all pairs i < j of a series observed
 * at equally spaced times, a trend magnitude per time step that a few outliers do not move.
 */
public final class SensSlope {

  /** Keeps no state between calls (the work array is the caller's), so one serves every thread. */
  private static final KthSelector SELECTOR = new KthSelector(new MedianOf3PivotingStrategy());

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
    return median(slopes);
  }

  /**
   * The median as commons-math's {@code Median} estimates it (the two middle values averaged for an even count, as
   * Sen's estimator wants), selected in place by its {@link KthSelector}. {@code Median} itself copies the array and
   * allocates a pivot cache of a thousand entries per call, which cost more than the selection of a few hundred slopes.
   */
  static double median(double[] work) {
    int length = work.length;
    if (length == 1) {
      return work[0];
    }
    // commons-math's legacy estimate of the 50th percentile: position p (n + 1), interpolated between neighbours
    double position = 0.5 * (length + 1);
    double floor = Math.floor(position);
    int index = (int) floor;
    double fraction = position - floor;
    if (position < 1) {
      return SELECTOR.select(work, null, 0);
    }
    if (position >= length) {
      return SELECTOR.select(work, null, length - 1);
    }
    double lower = SELECTOR.select(work, null, index - 1);
    double upper = SELECTOR.select(work, null, index);
    return lower + fraction * (upper - lower);
  }
}
