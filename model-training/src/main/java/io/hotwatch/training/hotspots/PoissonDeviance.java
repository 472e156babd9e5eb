package io.hotwatch.training.hotspots;

/** The Poisson deviance of one observed count under an expected count: 0 for a perfect forecast. */
final class PoissonDeviance {

  private PoissonDeviance() {}

  static double of(double observed, double expected) {
    if (observed == 0) {
      return 2 * expected;
    }
    return 2 * (observed * Math.log(observed / expected) - (observed - expected));
  }
}
