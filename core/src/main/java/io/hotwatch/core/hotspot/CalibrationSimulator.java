package io.hotwatch.core.hotspot;

import io.hotwatch.core.model.BaselineRates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Builds a {@link Calibration}: for every evaluation step of {@code days} simulated days, counts for every cell and
 * for each window the engine scans at that step (its schedule, {@link EngineSettings#scansAt}) are drawn from the
 * baseline alone (Poisson, nested windows drawn as independent increments, so the 1 h count is part of the 6 h count),
 * scanned with the engine's own {@link ClusterScan}, and the step's maximum LLR over the scanned windows recorded.
 * Seeded: the same inputs give the same file.
 */
public final class CalibrationSimulator {

  private final BaselineRates baseline;
  private final List<String> cells;
  private final EngineSettings settings;

  /**
   * @param cells the city's cells: those the baseline was fitted on
   */
  public CalibrationSimulator(BaselineRates baseline, Collection<String> cells, EngineSettings settings) {
    if (cells.isEmpty()) {
      throw new IllegalArgumentException("no cells to simulate");
    }
    this.baseline = baseline;
    this.cells = cells.stream().sorted().toList();
    this.settings = settings;
  }

  /** Simulates every step of [from, from + days) and returns the calibration. */
  public Calibration simulate(Instant from, int days, long seed) {
    if (days < 1) {
      throw new IllegalArgumentException("days " + days + " is below 1");
    }
    long stepMillis = settings.step().toMillis();
    long first = Math.floorDiv(from.toEpochMilli(), stepMillis) * stepMillis;
    int steps = (int) Math.round(days * settings.stepsPerDay());
    double[] maxima = new double[steps];
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
    Simulated simulated = new Simulated(baseline, cells, settings);
    ClusterScan scan = new ClusterScan(settings, new Neighbours());
    for (int s = 0; s < steps; s++) {
      long step = first + s * stepMillis;
      // nested windows: drawing the longest one due draws every shorter one on the way
      int drawn = 0;
      for (int w = 0; w < settings.windows().size(); w++) {
        if (settings.scansAt(w, step)) {
          drawn = w + 1;
        }
      }
      simulated.draw(step, drawn, random);
      double max = 0;
      for (int w = 0; w < drawn; w++) {
        if (!settings.scansAt(w, step)) {
          continue;
        }
        for (ScanCluster cluster : scan.scan(w, settings.windows().get(w).toMillis(), simulated.window(w))) {
          max = Math.max(max, cluster.llr());
        }
      }
      maxima[s] = max;
    }
    return new Calibration(
        Calibration.Assumptions.of(baseline.resolution(), settings, Instant.ofEpochMilli(first), days, seed,
            cells.size()),
        cells,
        maxima);
  }

  /**
   * A Poisson draw. Small means (all but the busiest cells' week) by inversion of the CDF: commons-math builds a
   * PoissonDistribution with normal and exponential helpers per draw, which made that construction 90% of the
   * simulation's time; large means go to it.
   */
  static int poisson(double mean, RandomDataGenerator random) {
    if (mean >= 200) {
      return (int) random.nextPoisson(mean);
    }
    double u = random.nextUniform(0, 1);
    double p = Math.exp(-mean);
    double cumulative = p;
    int k = 0;
    while (u > cumulative && p > 0) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  /** One step's simulated counts for every cell and window. */
  private static final class Simulated {
    private final List<String> cells;
    private final Map<String, Integer> index = new HashMap<>();
    private final long[] windows;
    private final ExpectedCounts expected;
    private final int[][] counts;
    private final double[][] means;
    private final long[] totals;
    private final double[] totalExpected;
    private final List<List<String>> withCounts = new ArrayList<>();

    Simulated(BaselineRates baseline, List<String> cells, EngineSettings settings) {
      this.cells = cells;
      this.windows = settings.windows().stream().mapToLong(d -> d.toMillis()).toArray();
      this.expected = new ExpectedCounts(baseline, settings.longestWindowMillis(), cells);
      this.counts = new int[windows.length][cells.size()];
      this.means = new double[windows.length][cells.size()];
      this.totals = new long[windows.length];
      this.totalExpected = new double[windows.length];
      for (int i = 0; i < cells.size(); i++) {
        index.put(cells.get(i), i);
      }
      for (int w = 0; w < windows.length; w++) {
        withCounts.add(new ArrayList<>());
      }
    }

    /** Draws the counts of windows 0 to {@code drawn} - 1; the longer ones keep stale counts and are not scanned. */
    void draw(long step, int drawn, RandomDataGenerator random) {
      expected.moveTo(step);
      for (int i = 0; i < cells.size(); i++) {
        int count = 0;
        double previous = 0;
        for (int w = 0; w < drawn; w++) {
          double mean = expected.expected(cells.get(i), step - windows[w], step);
          double increment = mean - previous;
          if (increment > 0) {
            count += poisson(increment, random);
          }
          counts[w][i] = count;
          means[w][i] = mean;
          previous = mean;
        }
      }
      for (int w = 0; w < drawn; w++) {
        List<String> active = withCounts.get(w);
        active.clear();
        totals[w] = 0;
        totalExpected[w] = 0;
        for (int i = 0; i < cells.size(); i++) {
          totalExpected[w] += means[w][i];
          if (counts[w][i] > 0) {
            active.add(cells.get(i));
            totals[w] += counts[w][i];
          }
        }
      }
    }

    WindowView window(int w) {
      return new WindowView() {
        @Override
        public void forEachCell(int minObserved, CellVisitor visitor) {
          for (String cell : withCounts.get(w)) {
            int i = index.get(cell);
            if (counts[w][i] >= minObserved) {
              visitor.visit(cell, counts[w][i], means[w][i]);
            }
          }
        }

        @Override
        public int observed(String cell) {
          Integer i = index.get(cell);
          return i == null ? 0 : counts[w][i];
        }

        @Override
        public double expected(String cell) {
          Integer i = index.get(cell);
          return i == null ? 0 : means[w][i];
        }

        @Override
        public long total() {
          return totals[w];
        }

        @Override
        public double totalExpected() {
          return totalExpected[w];
        }
      };
    }
  }
}
