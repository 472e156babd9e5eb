package io.hotwatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local-history counter on hand-placed incidents: window edges, ties, neighbours, re-reports, forgetting. */
class LocalHistoryTest {

  private static final List<String> CATEGORIES = List.of("THEFT", "NARCOTICS", "OTHER");
  private static final LocalHistory HISTORY = new LocalHistory(CATEGORIES, 8);
  private static final String CELL = new CellIndex(8).cellOf(41.88, -87.63);
  private static final String NEIGHBOUR = CellIndex.disk(CELL, 1).stream().filter(c -> !c.equals(CELL)).findFirst().get();
  private static final String FAR = CellIndex.disk(CELL, 2).stream()
      .filter(c -> !CellIndex.disk(CELL, 1).contains(c)).findFirst().get();
  private static final Instant T = Instant.parse("2017-07-10T12:00:00Z");

  // layout for three categories: [1d THEFT, NARCOTICS, OTHER, cell], [7d THEFT, NARCOTICS, OTHER, cell]
  @Test
  void countsByCategoryInTheRingAndTheCellOverBothWindowsWithTheirEdges() {
    LocalHistory.Sequence sequence = HISTORY.sequence();
    sequence.next(at("old", CELL, T.minus(Duration.ofDays(7)).minusMillis(1), "THEFT")); // just outside 7 days
    sequence.next(at("week-edge", CELL, T.minus(Duration.ofDays(7)), "THEFT")); // exactly 7 days before: counts
    sequence.next(at("day-edge", NEIGHBOUR, T.minus(Duration.ofDays(1)), "NARCOTICS")); // exactly a day: in both
    sequence.next(at("day-out", NEIGHBOUR, T.minus(Duration.ofDays(1)).minusMillis(1), "OTHER")); // 7 days only
    sequence.next(at("far", FAR, T.minusSeconds(60), "THEFT")); // two rings away: never
    sequence.next(at("recent", CELL, T.minusSeconds(60), "OTHER"));

    float[] f = sequence.next(at("now", CELL, T, "THEFT")).history();

    assertThat(counts(f)).containsExactly(0, 1, 1, 1, /* 7 days */ 1, 1, 2, 2);
  }

  @Test
  void anIncidentAtTheSameInstantIsNeverCountedWhateverTheOrder() {
    LocalHistory.Sequence sequence = HISTORY.sequence();
    float[] first = sequence.next(at("a", CELL, T, "THEFT")).history();
    float[] second = sequence.next(at("b", CELL, T, "NARCOTICS")).history();
    float[] later = sequence.next(at("c", CELL, T.plusMillis(1), "OTHER")).history();

    assertThat(counts(first)).containsOnly(0);
    assertThat(counts(second)).containsOnly(0);
    assertThat(counts(later)).containsExactly(1, 1, 0, 2, 1, 1, 0, 2);
  }

  @Test
  void aReReportCountsOnceInItsLatestVersionAndNeverForItself() throws Exception {
    LocalHistory.Sequence sequence = HISTORY.sequence();
    sequence.next(at("x", CELL, T.minusSeconds(3600), "THEFT"));
    // corrected: another category, another cell of the ring
    sequence.next(at("x", NEIGHBOUR, T.minusSeconds(1800), "NARCOTICS"));
    float[] again = sequence.next(at("x", NEIGHBOUR, T.minusSeconds(1800), "NARCOTICS")).history();
    float[] other = sequence.next(at("y", CELL, T, "OTHER")).history();

    assertThat(counts(again)).as("its own earlier version is not history").containsOnly(0);
    assertThat(counts(other)).containsExactly(0, 1, 0, 0, 0, 1, 0, 0);
  }

  @Test
  void onlyTheModelsCategoriesAreRecorded() {
    LocalHistory.Sequence sequence = HISTORY.sequence();
    sequence.next(at("w", CELL, T.minusSeconds(60), "WEAPONS"));
    assertThat(counts(sequence.next(at("z", CELL, T, "THEFT")).history())).containsOnly(0);
  }

  @Test
  void forgettingDropsEntriesAndTheirIdsAndEmptyCells() throws Exception {
    LocalHistory.InMemory store = new LocalHistory.InMemory();
    long cell = CellIndex.idOf(CELL);
    long neighbour = CellIndex.idOf(NEIGHBOUR);
    HISTORY.record(store, cell, at("a", CELL, T.minusSeconds(120), "THEFT"));
    HISTORY.record(store, cell, at("b", CELL, T.minusSeconds(60), "THEFT"));
    HISTORY.record(store, neighbour, at("c", NEIGHBOUR, T.minusSeconds(60), "THEFT"));

    HISTORY.forget(store, cell, T.minusSeconds(60).toEpochMilli());
    assertThat(store.cell(HISTORY.keyOf(cell)).size()).isEqualTo(1);
    assertThat(store.cell(HISTORY.keyOf(cell)).idAt(0)).isEqualTo("b");
    assertThat(store.incidentCount()).isEqualTo(2);

    HISTORY.forget(store, cell, T.toEpochMilli());
    HISTORY.forget(store, neighbour, T.toEpochMilli());
    assertThat(store.cellCount()).isZero();
    assertThat(store.incidentCount()).isZero();
  }

  @Test
  void featureNamesFollowTheLayout() {
    assertThat(HISTORY.width()).isEqualTo(8);
    assertThat(HISTORY.featureNames())
        .containsExactly("history.1d.ring.THEFT", "history.1d.ring.NARCOTICS", "history.1d.ring.OTHER",
            "history.1d.cell", "history.7d.ring.THEFT", "history.7d.ring.NARCOTICS", "history.7d.ring.OTHER",
            "history.7d.cell");
    assertThatThrownBy(() -> new LocalHistory(List.of(), 8)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The counts behind ln(1 + count) features. */
  private static int[] counts(float[] features) {
    int[] counts = new int[features.length];
    for (int i = 0; i < features.length; i++) {
      counts[i] = (int) Math.round(Math.expm1(features[i]));
      assertThat(features[i]).isEqualTo((float) Math.log1p(counts[i]));
    }
    return counts;
  }

  private static Incident at(String id, String cell, Instant time, String category) {
    GeoPoint centre = CellIndex.centroid(cell);
    return new Incident(id, "chicago-crimes", time, null, centre.lat(), centre.lon(), category, category, "",
        "1", "0111", "STREET");
  }
}
