package io.hotwatch.training.hotspots;

import java.util.ArrayList;
import java.util.List;

/**
 * One method's catch over every period of a horizon, pooled: hit rate = incidents caught / incidents in the area,
 * PAI = hit rate / area share, PEI = incidents caught / the most any selection of as many cells could have caught.
 */
final class ForecastTally {

  private final int[] cellCounts;
  private final double[] hits;
  private final double[] best;
  private double incidents;
  private int periods;
  /** Per period, the hits at each selection size, and the period's incidents. */
  private final List<double[]> periodHits = new ArrayList<>();
  private final List<Double> periodIncidents = new ArrayList<>();
  private double deviance;
  private long cellPeriods;

  /** @param cellCounts the selection sizes (numbers of top cells) to tally */
  ForecastTally(int[] cellCounts) {
    this.cellCounts = cellCounts.clone();
    this.hits = new double[cellCounts.length];
    this.best = new double[cellCounts.length];
  }

  void add(double[] scores, int[] counts) {
    CellRanking ranking = new CellRanking(scores);
    double[] caught = new double[cellCounts.length];
    for (int i = 0; i < cellCounts.length; i++) {
      caught[i] = ranking.hits(counts, cellCounts[i]);
      hits[i] += caught[i];
      best[i] += CellRanking.bestHits(counts, cellCounts[i]);
    }
    double inPeriod = 0;
    for (int count : counts) {
      inPeriod += count;
    }
    incidents += inPeriod;
    periodHits.add(caught);
    periodIncidents.add(inPeriod);
    periods++;
  }

  /** Adds the Poisson deviance of the counts under scores read as expected counts. */
  void addDeviance(double[] expected, int[] counts) {
    for (int c = 0; c < counts.length; c++) {
      deviance += PoissonDeviance.of(counts[c], expected[c]);
      cellPeriods++;
    }
  }

  int periods() {
    return periods;
  }

  double incidents() {
    return incidents;
  }

  /** Per period, the incidents caught by the selection of size index {@code i}. */
  double[] periodHits(int i) {
    return periodHits.stream().mapToDouble(h -> h[i]).toArray();
  }

  /** Per period, the incidents in the area. */
  double[] periodIncidents() {
    return periodIncidents.stream().mapToDouble(Double::doubleValue).toArray();
  }

  double hitRate(int i) {
    return incidents == 0 ? 0 : hits[i] / incidents;
  }

  double pai(int i, int areaSize) {
    return hitRate(i) / ((double) cellCounts[i] / areaSize);
  }

  double pei(int i) {
    return best[i] == 0 ? 0 : hits[i] / best[i];
  }

  /** Mean Poisson deviance per cell and period. */
  double meanDeviance() {
    return cellPeriods == 0 ? Double.NaN : deviance / cellPeriods;
  }
}
