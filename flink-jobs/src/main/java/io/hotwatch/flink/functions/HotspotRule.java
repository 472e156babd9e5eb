package io.hotwatch.flink.functions;

import java.io.Serializable;
import org.apache.commons.math3.special.Gamma;

/**
 * When a cell's count in a window is a hotspot: at least {@code minCount} incidents and a Poisson upper tail
 * P(X >= observed | expected) below {@code alpha}.
 *
 * @param minCount fewest incidents a hotspot can have, so that one incident in a cell that is almost always quiet does
 *     not count as significant
 * @param alpha significance level of the Poisson upper tail
 */
public record HotspotRule(int minCount, double alpha) implements Serializable {

  public static final int DEFAULT_MIN_COUNT = 3;
  public static final double DEFAULT_ALPHA = 1e-3;

  public HotspotRule {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount " + minCount + " must be at least 1");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha " + alpha + " is outside (0, 1)");
    }
  }

  /**
   * P(X >= observed) for X ~ Poisson(expected).
   *
   * <p>Computed as the regularized lower incomplete gamma function P(observed, expected), which equals that tail
   * exactly; 1 - CDF(observed - 1) would cancel to 0 for the tiny tails real hotspots have, and Poisson(0) is not
   * defined for a cell with no expected incidents at all.
   */
  public static double pValue(long observed, double expected) {
    if (expected < 0 || Double.isNaN(expected)) {
      throw new IllegalArgumentException("expected count " + expected + " is negative or NaN");
    }
    if (observed <= 0) {
      return 1.0;
    }
    if (expected == 0) {
      return 0.0;
    }
    return Gamma.regularizedGammaP(observed, expected);
  }

  public boolean isSignificant(long observed, double pValue) {
    return observed >= minCount && pValue < alpha;
  }
}
