package io.hotwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.stat.descriptive.rank.Median;
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

  /** Daily counts like a key's over its horizon, sparse or not: exactly commons-math's median of the slopes. */
  @Test
  void isCommonsMathsMedianOfTheSlopes() {
    Random random = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      double[] counts = new double[1 + random.nextInt(28)];
      int level = random.nextInt(40);
      for (int d = 0; d < counts.length; d++) {
        counts[d] = round % 2 == 0
            // a rare category: mostly days without any
            ? (random.nextInt(10) < 8 ? 0 : random.nextInt(3))
            : Math.max(0, level + random.nextInt(9) - 4 + (round % 3 == 0 ? d / 3 : 0));
      }
      double[] slopes = new double[counts.length * (counts.length - 1) / 2];
      int k = 0;
      for (int i = 0; i < counts.length; i++) {
        for (int j = i + 1; j < counts.length; j++) {
          slopes[k++] = (counts[j] - counts[i]) / (j - i);
        }
      }
      double expected = slopes.length == 0 ? 0 : new Median().evaluate(slopes);
      assertThat(SensSlope.of(counts)).as("counts %s", Arrays.toString(counts)).isEqualTo(expected);
    }
  }
}
