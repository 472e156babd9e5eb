package io.hotwatch.training.hotspots;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Cells ranked by a forecast score, highest first, and the incidents a top-k selection catches. Cells tied at the cut
 * share the remaining places evenly: the hits are those a random tie-break would catch on average, so the ranking's
 * order among equal scores cannot flatter or hurt a method.
 */
final class CellRanking {

  private final double[] scores;
  private final Integer[] order;

  CellRanking(double[] scores) {
    this.scores = scores;
    this.order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
  }

  /** Incidents in the top {@code k} cells (expected under an even tie-break), given the period's counts per cell. */
  double hits(int[] counts, int k) {
    if (k <= 0) {
      return 0;
    }
    if (k >= order.length) {
      return Arrays.stream(counts).sum();
    }
    double cut = scores[order[k - 1]];
    double hits = 0;
    double tiedCounts = 0;
    int above = 0;
    int tied = 0;
    for (Integer cell : order) {
      if (scores[cell] > cut) {
        hits += counts[cell];
        above++;
      } else if (scores[cell] == cut) {
        tiedCounts += counts[cell];
        tied++;
      } else {
        break;
      }
    }
    return hits + tiedCounts * (k - above) / tied;
  }

  /** The most incidents any k cells could have caught: the k largest counts. */
  static double bestHits(int[] counts, int k) {
    int[] sorted = counts.clone();
    Arrays.sort(sorted);
    double best = 0;
    for (int i = 0; i < Math.min(k, sorted.length); i++) {
      best += sorted[sorted.length - 1 - i];
    }
    return best;
  }
}
