package io.hotwatch.training.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fitted temperature recovers the one that drew the labels from softmax(decision values / T). */
class TemperatureFitTest {

  @Test
  void recoversTheTemperatureTheLabelsWereDrawnWith() {
    // synthetic on purpose: only drawn labels have a known true temperature
    SplittableRandom random = new SplittableRandom(7);
    int rows = 20_000;
    double[][] values = new double[rows][4];
    int[] labels = new int[rows];
    for (int i = 0; i < rows; i++) {
      for (int c = 0; c < 4; c++) {
        values[i][c] = random.nextGaussian() * 3;
      }
      double[] p = Softmax.of(values[i], 2.5);
      double u = random.nextDouble();
      int label = 0;
      for (double cumulative = p[0]; u > cumulative && label < 3; cumulative += p[++label]) {
        // walks to the drawn category
      }
      labels[i] = label;
    }

    double fitted = TemperatureFit.fit(values, labels);

    assertThat(fitted).isCloseTo(2.5, within(0.15));
    assertThat(TemperatureFit.logLoss(values, labels, fitted))
        .isLessThan(TemperatureFit.logLoss(values, labels, 1.0))
        .isLessThan(TemperatureFit.logLoss(values, labels, 10.0));
  }
}
