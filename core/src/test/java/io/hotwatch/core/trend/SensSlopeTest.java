package io.hotwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SensSlopeTest {

  /** By hand: slopes 2, 1/2, 4/3, -1, 1, 3; sorted -1, 1/2, 1, 4/3, 2, 3; median (1 + 4/3) / 2 = 7/6. */
  @Test
  void isTheMedianOfThePairwiseSlopes() {
    assertThat(SensSlope.of(new double[] {1, 3, 2, 5})).isCloseTo(7 / 6.0, within(1e-12));
    // slopes 3, 1/2, -2: the middle one
    assertThat(SensSlope.of(new double[] {1, 4, 2})).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void isExactOnAStraightLine() {
    double[] line = new double[28];
    for (int i = 0; i < line.length; i++) {
      line[i] = 2 - 0.75 * i;
    }
    assertThat(SensSlope.of(line)).isCloseTo(-0.75, within(1e-12));
  }

  /** By hand: of the ten slopes six are 1, the four through the 100 are 24.75, 32.7, 48.5 and 96: the median is 1. */
  @Test
  void oneOutlierDoesNotMoveIt() {
    assertThat(SensSlope.of(new double[] {1, 2, 3, 4, 100})).isEqualTo(1.0);
  }

  @Test
  void fewerThanTwoValuesHaveNoSlope() {
    assertThat(SensSlope.of(new double[] {7})).isZero();
    assertThat(SensSlope.of(new double[0])).isZero();
  }
}
