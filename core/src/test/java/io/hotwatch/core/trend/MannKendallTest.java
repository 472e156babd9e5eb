package io.hotwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.junit.jupiter.api.Test;

class MannKendallTest {

  /**
   * The worked example "A Mann-Kendall Example (By Hand)", J. Little, College of the Holy Cross
   * (mathcs.holycross.edu/~little/Montserrat/MannKendallByHand.txt): 14 values, 72 later-larger pairs, 18
   * later-smaller, one tie (12.9 twice), so S = 54, var = 14*13*33/18 - 2*1*9/18, Z = 53/sqrt(var) = 2.9058 and a
   * one-sided normal p of .0018.
   */
  private static final double[] HOLY_CROSS = {
    12.9, 14.8, 13.2, 15.7, 13.8, 15.6, 12.9, 11.0, 17.3, 15.9, 19.0, 18.3, 20.1, 21.7
  };

  @Test
  void reproducesThePublishedWorkedExample() {
    MannKendall test = MannKendall.test(HOLY_CROSS);

    assertThat(test.n()).isEqualTo(14);
    assertThat(test.s()).isEqualTo(54);
    assertThat(test.variance()).isCloseTo(14 * 13 * 33 / 18.0 - 2 * 1 * 9 / 18.0, within(1e-9));
    assertThat(test.z()).isCloseTo(2.9058, within(5e-5));
    // the example quotes the one-sided tail; this test reports both tails
    assertThat(test.pValue() / 2).isCloseTo(0.0018, within(5e-5));
    assertThat(test.tau()).isCloseTo(54 / 91.0, within(1e-12));
    assertThat(test.direction(0.05)).isEqualTo("rising");
    assertThat(test.direction(0.001)).isEqualTo("flat");
  }

  @Test
  void aReversedSeriesFallsByTheSameAmount() {
    double[] reversed = new double[HOLY_CROSS.length];
    for (int i = 0; i < reversed.length; i++) {
      reversed[i] = HOLY_CROSS[HOLY_CROSS.length - 1 - i];
    }
    MannKendall test = MannKendall.test(reversed);

    assertThat(test.s()).isEqualTo(-54);
    assertThat(test.z()).isCloseTo(-2.9058, within(5e-5));
    assertThat(test.direction(0.05)).isEqualTo("falling");
  }

  /**
   * By hand: 1, 2, 2, 3 has five later-larger pairs and one tie, S = 5; var = (4*3*13 - 2*1*9) / 18 = 138/18;
   * Z = (5 - 1) / sqrt(138/18) = 1.4446; two-sided p = 2 * (1 - Phi(1.4446)) = 0.1486.
   */
  @Test
  void correctsTheVarianceForTies() {
    MannKendall test = MannKendall.test(new double[] {1, 2, 2, 3});

    assertThat(test.s()).isEqualTo(5);
    assertThat(test.variance()).isCloseTo(138 / 18.0, within(1e-12));
    assertThat(test.z()).isCloseTo(1.4446, within(5e-5));
    assertThat(test.pValue()).isCloseTo(0.1486, within(5e-4));
    assertThat(test.direction(0.05)).isEqualTo("flat");
  }

  @Test
  void agreesWithKendallsTauFromCommonsMathWhenNothingIsTied() {
    double[] values = {3, 9, 1, 7, 12, 4, 15, 8, 20, 11, 18, 25};
    double[] time = new double[values.length];
    for (int i = 0; i < time.length; i++) {
      time[i] = i;
    }
    double tauB = new KendallsCorrelation().correlation(time, values);

    assertThat(MannKendall.test(values).tau()).isCloseTo(tauB, within(1e-12));
  }

  @Test
  void aConstantOrTooShortSeriesHasNothingToTest() {
    MannKendall constant = MannKendall.test(new double[] {4, 4, 4, 4, 4, 4});
    assertThat(constant.s()).isZero();
    assertThat(constant.variance()).isZero();
    assertThat(constant.pValue()).isEqualTo(1.0);
    assertThat(constant.direction(0.05)).isEqualTo("flat");

    MannKendall two = MannKendall.test(new double[] {1, 5});
    assertThat(two.s()).isEqualTo(1);
    assertThat(two.pValue()).isEqualTo(1.0);
    assertThat(MannKendall.test(new double[0]).pValue()).isEqualTo(1.0);
  }
}
