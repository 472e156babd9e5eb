package io.hotwatch.training.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.OnlineBaseline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Weights fitted to the real next-day counts of February 2017, from the parts computed on the incidents before. */
class IntensityWeightsTest {

  private static final List<Duration> HALF_LIVES = List.of(Duration.ofDays(1), Duration.ofDays(7));

  private static List<String> names;
  private static final List<double[][]> parts = new ArrayList<>();
  private static final List<int[]> counts = new ArrayList<>();

  @BeforeAll
  static void februaryDays() throws Exception {
    ForecastArea area = new ForecastArea(WinterIncidents.all(), WinterIncidents.STREAM_TO, 8);
    IncidentTimeline timeline = new IncidentTimeline(WinterIncidents.all(), area);
    BaselineRates baseline = WinterIncidents.baseline();
    OnlineBaseline online = new OnlineBaseline(baseline, WinterIncidents.STREAM_FROM, Duration.ofDays(14), 30);
    IntensityComponents components = new IntensityComponents(timeline, area, baseline, online, HALF_LIVES);
    names = components.names();
    int fed = 0;
    for (Period day :
        ForecastRun.periods(WinterIncidents.chicagoMidnight(2017, 2, 1), WinterIncidents.STREAM_TO, Horizon.NEXT_DAY)) {
      for (; timeline.atMillis[fed] < day.start().toEpochMilli(); fed++) {
        components.observe(fed);
      }
      parts.add(components.at(day));
      counts.add(timeline.counts(day.start(), day.end(), area.size()));
    }
  }

  @Test
  void theFitIsAMaximumOfTheLikelihoodThatExpectsEveryIncident() {
    IntensityWeights fitted = IntensityWeights.fit(names, parts, counts);

    assertThat(java.util.Arrays.stream(fitted.weights()).min().orElseThrow()).isNotNegative();
    // at a maximum, scaling every weight by the same factor cannot help: expected total = observed total
    double expected = 0;
    double observed = 0;
    for (int p = 0; p < parts.size(); p++) {
      for (int c = 0; c < parts.get(p).length; c++) {
        expected += fitted.expected(parts.get(p)[c]);
        observed += counts.get(p)[c];
      }
    }
    assertThat(expected).isCloseTo(observed, within(observed * 1e-3));
    // and no single part, nor any nearby mix, explains the days better
    for (int j = 0; j < names.size(); j++) {
      double[] alone = new double[names.size()];
      alone[j] = fitted.weights()[j] > 0 ? fitted.weights()[j] * 1.05 : 1e-3;
      assertThat(logLikelihood(alone)).isLessThan(fitted.logLikelihood());
      double[] nudged = fitted.weights().clone();
      nudged[j] = nudged[j] * 1.1 + 1e-3;
      assertThat(logLikelihood(nudged)).isLessThan(fitted.logLikelihood());
    }
  }

  @Test
  void weightsThatMadeTheCountsAreFoundAgain() {
    // The counts here are simulated (seeded Poisson draws) from known weights on the real parts: a fitter can only be
    // shown to recover weights whose true value is known.
    double[] truth = new double[names.size()];
    truth[0] = 0.4;
    truth[1] = 0.5;
    truth[names.indexOf("cell1d")] = 0.05;
    truth[names.indexOf("cell7d")] = 0.02;
    Well19937c random = new Well19937c(7);
    // twenty copies of February's days, so that the weights are pinned down well enough to compare
    List<double[][]> twentyFold = new ArrayList<>();
    List<int[]> twentyFoldCounts = new ArrayList<>();
    for (int r = 0; r < 20; r++) {
      twentyFold.addAll(parts);
      for (double[][] day : parts) {
        int[] y = new int[day.length];
        for (int c = 0; c < day.length; c++) {
          double mu = 0;
          for (int j = 0; j < truth.length; j++) {
            mu += truth[j] * day[c][j];
          }
          y[c] = mu > 0 ? new PoissonDistribution(random, mu, 1e-12, 10_000).sample() : 0;
        }
        twentyFoldCounts.add(y);
      }
    }

    IntensityWeights fitted = IntensityWeights.fit(names, twentyFold, twentyFoldCounts);

    double total = 0;
    for (int j = 0; j < truth.length; j++) {
      total += fitted.weights()[j];
    }
    assertThat(fitted.weights()[0] + fitted.weights()[1]).isCloseTo(0.9, within(0.1));
    assertThat(fitted.weights()[names.indexOf("cell1d")]).isCloseTo(0.05, within(0.02));
    assertThat(fitted.weights()[names.indexOf("cell7d")]).isCloseTo(0.02, within(0.015));
    assertThat(total).isCloseTo(0.97, within(0.15));
  }

  private static double logLikelihood(double[] w) {
    double sum = 0;
    for (int p = 0; p < parts.size(); p++) {
      for (int c = 0; c < parts.get(p).length; c++) {
        double mu = 0;
        for (int j = 0; j < w.length; j++) {
          mu += w[j] * parts.get(p)[c][j];
        }
        int y = counts.get(p)[c];
        sum += -mu + (y > 0 ? y * Math.log(Math.max(mu, 1e-9)) : 0);
      }
    }
    return sum;
  }
}
