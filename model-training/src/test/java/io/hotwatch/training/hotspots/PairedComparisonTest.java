package io.hotwatch.training.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Period-by-period comparison of two rankings' catches, with figures worked out by hand. */
class PairedComparisonTest {

  @Test
  void countsWinsLossesAndTiesAndTestsTheirSign() {
    double[] first = {10, 12, 9, 14, 11, 13, 10, 12, 8, 10};
    double[] second = {9, 10, 9, 12, 10, 11, 11, 10, 7, 9};
    double[] incidents = {100, 110, 95, 120, 105, 115, 100, 110, 90, 100};

    PairedComparison comparison = PairedComparison.of(first, second, incidents, 0.01, 2, 2000);

    assertThat(comparison.periods()).isEqualTo(10);
    assertThat(comparison.wins()).isEqualTo(8);
    assertThat(comparison.losses()).isEqualTo(1);
    assertThat(comparison.ties()).isEqualTo(1);
    // two-sided: P(X <= 1) for X ~ Binomial(9, 1/2), doubled = 2 * 10 / 512
    assertThat(comparison.signTestP()).isCloseTo(20.0 / 512, within(1e-12));
    assertThat(comparison.extraIncidents()).isEqualTo(11);
    // PAI difference: 11 of 1,045 incidents over 1% of the area
    assertThat(comparison.paiDifference()).isCloseTo(11 / 1045.0 / 0.01, within(1e-12));
    assertThat(comparison.bootstrapLow()).isLessThan(comparison.paiDifference());
    assertThat(comparison.bootstrapHigh()).isGreaterThan(comparison.paiDifference());
    assertThat(comparison.bootstrapLow()).isPositive();
    assertThat(comparison.bootstrapShareNotAbove()).isZero();
  }

  @Test
  void aRankingAgainstItselfWinsNothing() {
    double[] same = {3, 4, 5, 6};
    PairedComparison comparison = PairedComparison.of(same, same, new double[] {30, 40, 50, 60}, 0.05, 7, 500);

    assertThat(comparison.ties()).isEqualTo(4);
    assertThat(comparison.signTestP()).isEqualTo(1);
    assertThat(comparison.paiDifference()).isZero();
    assertThat(comparison.bootstrapShareNotAbove()).isEqualTo(1);
    assertThat(comparison.blockLength()).isEqualTo(4);
  }
}
