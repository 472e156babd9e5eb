package io.hotwatch.training.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hits of a top-k selection, with ties at the cut shared out, and the best any selection could do. */
class CellRankingTest {

  @Test
  void theTopCellsCatchTheirIncidents() {
    CellRanking ranking = new CellRanking(new double[] {0.1, 5, 3, 0.2});
    int[] counts = {4, 2, 7, 1};

    assertThat(ranking.hits(counts, 1)).isEqualTo(2);
    assertThat(ranking.hits(counts, 2)).isEqualTo(9);
    assertThat(ranking.hits(counts, 4)).isEqualTo(14);
    assertThat(ranking.hits(counts, 0)).isZero();
    assertThat(CellRanking.bestHits(counts, 2)).isEqualTo(11);
  }

  @Test
  void cellsTiedAtTheCutShareTheRemainingPlaces() {
    // one cell above the cut, three tied at 1 for the two places left: 2/3 of their 9 incidents on average
    CellRanking ranking = new CellRanking(new double[] {1, 2, 1, 1, 0});
    int[] counts = {3, 1, 6, 0, 10};

    assertThat(ranking.hits(counts, 3)).isCloseTo(1 + 9 * 2.0 / 3, within(1e-12));
    assertThat(ranking.hits(counts, 4)).isCloseTo(10, within(1e-12));
  }
}
