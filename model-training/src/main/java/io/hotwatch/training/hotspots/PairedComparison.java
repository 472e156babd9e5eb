package io.hotwatch.training.hotspots;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Two rankings compared period by period on the same top-k selection: how often one catches more, a sign test of
 * that, and a moving-block bootstrap of the pooled PAI difference (blocks of consecutive periods, so that the weekly
 * rhythm and runs of busy days stay together).
 *
 * @param periods periods compared
 * @param wins periods in which the first ranking caught more incidents
 * @param losses periods in which it caught fewer
 * @param ties periods in which both caught the same
 * @param signTestP two-sided sign-test p-value of wins against losses (ties left out)
 * @param extraIncidents incidents the first caught beyond the second, over all periods
 * @param paiDifference the first's pooled PAI less the second's
 * @param bootstrapLow 2.5th percentile of the bootstrapped PAI difference
 * @param bootstrapHigh 97.5th percentile
 * @param bootstrapShareNotAbove share of bootstrap replicates in which the first's PAI is not above the second's
 * @param blockLength periods per bootstrap block
 * @param replicates bootstrap replicates
 */
record PairedComparison(
    int periods, int wins, int losses, int ties, double signTestP, double extraIncidents, double paiDifference,
    double bootstrapLow, double bootstrapHigh, double bootstrapShareNotAbove, int blockLength, int replicates) {

  /** Seeded, so a report is reproducible. */
  private static final long SEED = 20170101L;

  /**
   * @param first per period, the incidents the first ranking caught
   * @param second per period, the incidents the second caught
   * @param incidents per period, the incidents in the area
   * @param areaShare the selection's share of the area
   */
  static PairedComparison of(
      double[] first, double[] second, double[] incidents, double areaShare, int blockLength, int replicates) {
    int n = first.length;
    if (second.length != n || incidents.length != n || n == 0) {
      throw new IllegalArgumentException("need the same periods for both rankings, at least one");
    }
    int wins = 0;
    int losses = 0;
    double extra = 0;
    double total = 0;
    double[] difference = new double[n];
    for (int p = 0; p < n; p++) {
      difference[p] = first[p] - second[p];
      extra += difference[p];
      total += incidents[p];
      // hits are averages over tie-breaks, so "equal" allows for rounding
      if (difference[p] > 1e-9) {
        wins++;
      } else if (difference[p] < -1e-9) {
        losses++;
      }
    }
    double signP =
        wins + losses == 0 ? 1 : Math.min(1, 2 * new BinomialDistribution(null, wins + losses, 0.5)
            .cumulativeProbability(Math.min(wins, losses)));
    int block = Math.max(1, Math.min(blockLength, n));
    RandomGenerator random = new Well19937c(SEED);
    double[] replicated = new double[replicates];
    int notAbove = 0;
    for (int r = 0; r < replicates; r++) {
      double caught = 0;
      double all = 0;
      // circular blocks of consecutive periods until n periods are drawn
      for (int drawn = 0; drawn < n; ) {
        int startAt = random.nextInt(n);
        for (int i = 0; i < block && drawn < n; i++, drawn++) {
          int p = (startAt + i) % n;
          caught += difference[p];
          all += incidents[p];
        }
      }
      replicated[r] = all == 0 ? 0 : caught / all / areaShare;
      notAbove += replicated[r] <= 0 ? 1 : 0;
    }
    Percentile percentile = new Percentile();
    percentile.setData(replicated);
    return new PairedComparison(
        n, wins, losses, n - wins - losses, signP, extra, total == 0 ? 0 : extra / total / areaShare,
        percentile.evaluate(2.5), percentile.evaluate(97.5), notAbove / (double) replicates, block, replicates);
  }
}
