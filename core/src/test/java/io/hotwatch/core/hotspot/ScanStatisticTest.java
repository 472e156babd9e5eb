package io.hotwatch.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Values worked out by hand from Kulldorff's formula. */
class ScanStatisticTest {

  @Test
  void llrOfAZoneAboveItsShare() {
    // share = 2 * 100 / 100 = 2; 10 ln(10/2) + 90 ln(90/98) = 16.0944 - 7.6642
    assertThat(ScanStatistic.llr(10, 2, 100, 100)).isCloseTo(8.4302, within(1e-4));
  }

  @Test
  void theExpectationIsRescaledToTheCityTotal() {
    // the city saw half its expectation: share = 4 * 50 / 100 = 2, the same zone as above against 40 outside
    // 10 ln 5 + 40 ln(40/48) = 16.0944 - 7.2929
    assertThat(ScanStatistic.llr(10, 4, 50, 100)).isCloseTo(8.8015, within(1e-4));
  }

  @Test
  void aZoneHoldingEveryIncidentHasNoOutsideTerm() {
    // 5 ln(5 / (1 * 5 / 10)) = 5 ln 10
    assertThat(ScanStatistic.llr(5, 1, 5, 10)).isCloseTo(11.5129, within(1e-4));
  }

  @Test
  void aZoneAtOrBelowItsShareScoresZero() {
    assertThat(ScanStatistic.llr(2, 2, 100, 100)).isZero();
    assertThat(ScanStatistic.llr(1, 2, 100, 100)).isZero();
    assertThat(ScanStatistic.llr(0, 2, 100, 100)).isZero();
    assertThat(ScanStatistic.llr(3, 0, 100, 100)).isZero();
  }

  @Test
  void relativeRiskIsInsideOverOutside() {
    // (10 / 2) / (90 / 98)
    assertThat(ScanStatistic.relativeRisk(10, 2, 100, 100)).isCloseTo(5.4444, within(1e-4));
    assertThat(ScanStatistic.relativeRisk(5, 1, 5, 10)).isCloseTo(10, within(1e-9));
  }

  @Test
  void poissonUpperTail() {
    // P(X >= 2 | 0.5) = 1 - e^-0.5 (1 + 0.5) = 0.090204
    assertThat(ScanStatistic.poissonUpperTail(2, 0.5)).isCloseTo(0.090204, within(1e-6));
    assertThat(ScanStatistic.poissonUpperTail(0, 0.5)).isEqualTo(1);
  }
}
