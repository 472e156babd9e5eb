package io.hotwatch.core.trend;

import io.hotwatch.core.event.TrendEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The Mann-Kendall test for a monotonic trend in a series observed at equally spaced times (Mann 1945, Kendall 1975;
 * the form of Gilbert 1987, ch. 16): S counts later-larger minus later-smaller pairs, its variance is corrected for
 * tied values, and Z = (S - sgn(S)) / sqrt(var) (continuity-corrected) is compared with the standard normal.
 *
 * <p>commons-math3 offers Kendall's tau ({@code KendallsCorrelation}) but not this test's tie-corrected variance or
 * p-value, so S and its variance are computed here and only the normal distribution is taken from it. The normal
 * approximation is rough below about 10 values; with fewer than 3, or with all values tied, there is nothing to test
 * and the result is S = 0, Z = 0, p = 1.
 *
 * @param n number of values
 * @param s the Mann-Kendall statistic S
 * @param variance variance of S under no trend, corrected for ties
 * @param tau Mann-Kendall tau, S divided by the number of pairs n(n-1)/2, in [-1, 1]
 * @param z the continuity-corrected normal score of S
 * @param pValue two-sided p-value of Z
 */
public record MannKendall(int n, long s, double variance, double tau, double z, double pValue) {

  // a null random generator: the distribution is only evaluated, never sampled, and seeding one costs microseconds
  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
  private static final int MAX_CACHED_P_VALUES = 1 << 16;
  private static final Map<Long, Double> P_VALUES = new ConcurrentHashMap<>();

  public static MannKendall test(double[] values) {
    int n = values.length;
    long s = 0;
    for (int i = 0; i < n - 1; i++) {
      double x = values[i];
      for (int j = i + 1; j < n; j++) {
        // two comparisons without branches: the order of daily counts is as good as random to a branch predictor
        s += (values[j] > x ? 1 : 0) - (values[j] < x ? 1 : 0);
      }
    }
    double variance = (n * (n - 1.0) * (2.0 * n + 5) - tieTerm(values)) / 18.0;
    double tau = n < 2 ? 0 : s / (n * (n - 1) / 2.0);
    if (n < 3 || variance <= 0) {
      return new MannKendall(n, s, Math.max(variance, 0), tau, 0, 1);
    }
    double z = (s - Long.signum(s)) / Math.sqrt(variance);
    return new MannKendall(n, s, variance, tau, z, pValue(z));
  }

  /**
   * The two-sided p-value of {@code z}. The normal tail (an incomplete gamma function) costs more than the rest of the
   * test; daily counts over a few weeks give few distinct scores, so each is computed once per JVM (up to a bound).
   */
  private static double pValue(double z) {
    Long key = Double.doubleToLongBits(z);
    Double cached = P_VALUES.get(key);
    if (cached != null) {
      return cached;
    }
    double p = Math.min(1, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    if (P_VALUES.size() < MAX_CACHED_P_VALUES) {
      P_VALUES.put(key, p);
    }
    return p;
  }

  /** Sum over groups of t equal values of t(t-1)(2t+5). */
  private static double tieTerm(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double term = 0;
    int run = 1;
    for (int i = 1; i <= sorted.length; i++) {
      if (i < sorted.length && sorted[i] == sorted[i - 1]) {
        run++;
      } else {
        term += run * (run - 1.0) * (2.0 * run + 5);
        run = 1;
      }
    }
    return term;
  }

  /** "rising" or "falling" when the trend is significant at {@code alpha}, else "flat". */
  public String direction(double alpha) {
    if (pValue < alpha && s > 0) {
      return TrendEvent.RISING;
    }
    if (pValue < alpha && s < 0) {
      return TrendEvent.FALLING;
    }
    return TrendEvent.FLAT;
  }
}
