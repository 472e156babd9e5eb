package io.hotwatch.training.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BinaryScoresTest {

  @Test
  void countsAndFiguresOfAHandWorkedCase() {
    // 3 related called related, 1 unrelated called related, 2 related missed, 4 unrelated rejected
    boolean[] predicted = {true, true, true, true, false, false, false, false, false, false};
    boolean[] actual = {true, true, true, false, true, true, false, false, false, false};

    BinaryScores s = BinaryScores.of(predicted, actual);

    assertThat(s.truePositives()).isEqualTo(3);
    assertThat(s.falsePositives()).isEqualTo(1);
    assertThat(s.falseNegatives()).isEqualTo(2);
    assertThat(s.trueNegatives()).isEqualTo(4);
    assertThat(s.precision()).isEqualTo(0.75);
    assertThat(s.recall()).isEqualTo(0.6);
    assertThat(s.f1()).isCloseTo(2 * 0.75 * 0.6 / 1.35, within(1e-12));
    // not related: precision 4/6, recall 4/5
    assertThat(s.notRelatedF1()).isCloseTo(2 * (4.0 / 6) * 0.8 / (4.0 / 6 + 0.8), within(1e-12));
    assertThat(s.macroF1()).isCloseTo((s.f1() + s.notRelatedF1()) / 2, within(1e-12));
  }

  @Test
  void pooledScoresAddCountsRatherThanAverageFigures() {
    BinaryScores a = BinaryScores.of(10, 0, 0, 0);
    BinaryScores b = BinaryScores.of(0, 5, 5, 0);

    BinaryScores pooled = a.plus(b);

    assertThat(pooled.posts()).isEqualTo(20);
    assertThat(pooled.f1()).isCloseTo(20.0 / 30, within(1e-12));
  }

  @Test
  void callingNothingRelatedHasZeroPrecisionAndF1NotNaN() {
    BinaryScores s = BinaryScores.of(0, 0, 5, 5);

    assertThat(s.precision()).isZero();
    assertThat(s.f1()).isZero();
    assertThat(s.notRelatedF1()).isCloseTo(2.0 / 3, within(1e-12));
  }
}
