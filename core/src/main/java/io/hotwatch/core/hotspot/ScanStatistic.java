package io.hotwatch.core.hotspot;

import org.apache.commons.math3.special.Gamma;

/**
 * Kulldorff's Poisson scan statistic, conditional on the city total: the baseline's expectation inside a zone is
 * rescaled so that the city's expectation equals the city's observed total, and the zone is compared with the rest.
 */
public final class ScanStatistic {

  private ScanStatistic() {}

  /**
   * Log-likelihood ratio of {@code inside} incidents against {@code expected} (baseline) in a zone, given {@code total}
   * incidents against {@code totalExpected} in the whole city; 0 unless the zone is above its share.
   */
  public static double llr(long inside, double expected, long total, double totalExpected) {
    if (inside <= 0 || total <= 0 || !(expected > 0) || !(totalExpected > 0)) {
      return 0;
    }
    double share = expected * total / totalExpected;
    if (inside <= share) {
      return 0;
    }
    double llr = inside * Math.log(inside / share);
    long outside = total - inside;
    if (outside > 0) {
      llr += outside * Math.log(outside / (total - share));
    }
    return llr;
  }

  /**
   * (observed / expected) inside against the same ratio outside, expectations conditional on the total; when nothing
   * is left outside, the inside ratio alone.
   */
  public static double relativeRisk(long inside, double expected, long total, double totalExpected) {
    if (inside <= 0 || total <= 0 || !(expected > 0) || !(totalExpected > 0)) {
      return 0;
    }
    double share = expected * total / totalExpected;
    double insideRatio = inside / share;
    long outside = total - inside;
    return outside > 0 && total > share ? insideRatio / (outside / (total - share)) : insideRatio;
  }

  /** P(X >= observed) for X ~ Poisson(mean): the one-cell pre-screen. */
  public static double poissonUpperTail(long observed, double mean) {
    if (observed <= 0) {
      return 1;
    }
    if (!(mean > 0)) {
      return 0;
    }
    return Gamma.regularizedGammaP(observed, mean);
  }
}
