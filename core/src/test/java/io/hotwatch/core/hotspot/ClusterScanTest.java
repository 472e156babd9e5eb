package io.hotwatch.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.geo.CellIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterScanTest {

  private static final String CENTRE = new CellIndex(8).cellOf(41.8781, -87.6298);
  private static final List<String> RING = CellIndex.disk(CENTRE, 1).stream().filter(c -> !c.equals(CENTRE)).toList();
  private static final String FAR = CellIndex.disk(CENTRE, 5).get(CellIndex.disk(CENTRE, 5).size() - 1);

  /** A window with fixed counts; every cell of a 5-ring expects 0.1, so the city expects 9.1 in all. */
  private static WindowView view(Map<String, Integer> counts) {
    List<String> city = CellIndex.disk(CENTRE, 5);
    long total = counts.values().stream().mapToLong(Integer::longValue).sum();
    return new WindowView() {
      @Override
      public void forEachCell(int minObserved, CellVisitor visitor) {
        counts.forEach((cell, n) -> {
          if (n >= minObserved) {
            visitor.visit(cell, n, expected(cell));
          }
        });
      }

      @Override
      public int observed(String cell) {
        return counts.getOrDefault(cell, 0);
      }

      @Override
      public double expected(String cell) {
        return city.contains(cell) ? 0.1 : 0;
      }

      @Override
      public long total() {
        return total;
      }

      @Override
      public double totalExpected() {
        return city.size() * 0.1;
      }
    };
  }

  private static ClusterScan scan(int maxCells) {
    EngineSettings d = EngineSettings.defaults();
    return new ClusterScan(
        new EngineSettings(d.bucket(), d.step(), d.windows(), d.allowedLateness(), d.prescreenPValue(),
            d.prescreenMinCount(), maxCells, d.openRecurrenceDays(), d.closeRecurrenceDays(), d.shapeRadiusMetres(),
            d.shapeMinPoints(), d.cellMemory(), d.scansPerWindow()),
        new Neighbours());
  }

  @Test
  void aSignificantCellGrowsOverTheNeighbourThatRaisesTheRatioAndStops() {
    Map<String, Integer> counts = new HashMap<>();
    counts.put(CENTRE, 5);
    counts.put(RING.get(0), 3); // adjacent and busy: joins
    counts.put(RING.get(1), 1); // adjacent, one incident: still raises the LLR, see below
    counts.put(FAR, 1); // not adjacent: never joins
    List<ScanCluster> clusters = scan(12).scan(0, 3_600_000, view(counts));

    assertThat(clusters).hasSize(1);
    ScanCluster cluster = clusters.get(0);
    // total 10 of 9.1 expected (91 cells): share of one cell = 0.1 * 10 / 9.1 = 0.10989
    // {centre, ring0}: 8 vs 0.21978 -> 8 ln(8/0.21978) + 2 ln(2/9.78022) = 28.7566 - 3.1744 = 25.5821
    // adding ring1: 9 vs 0.32967 -> 9 ln(27.3) + 1 ln(1/9.67033) = 29.7620 - 2.2691 = 27.4929 (higher: joins)
    // FAR, 1 of 0.10989, would raise it further (31.2) but is not adjacent
    assertThat(cluster.cells()).containsExactlyInAnyOrder(CENTRE, RING.get(0), RING.get(1));
    assertThat(cluster.observed()).isEqualTo(9);
    assertThat(cluster.expected()).isCloseTo(0.3, within(1e-12));
    assertThat(cluster.llr()).isCloseTo(27.4929, within(1e-3));
  }

  @Test
  void aClusterStopsAtItsCellLimitAndACellBelongsToOneClusterOnly() {
    Map<String, Integer> counts = new HashMap<>();
    counts.put(CENTRE, 6);
    RING.forEach(c -> counts.put(c, 2));
    List<ScanCluster> limited = scan(3).scan(0, 3_600_000, view(counts));
    assertThat(limited.get(0).cells()).hasSize(3).contains(CENTRE);
    List<String> all = limited.stream().flatMap(c -> c.cells().stream()).toList();
    assertThat(all).doesNotHaveDuplicates();
  }

  @Test
  void cellsWithinTheirExpectationSeedNothing() {
    Map<String, Integer> counts = new HashMap<>();
    RING.forEach(c -> counts.put(c, 1));
    assertThat(scan(12).scan(0, 3_600_000, view(counts))).isEmpty();
  }
}
