package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.flink.event.CellWindowCount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HotspotDetectorTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final CellIndex CELLS = new CellIndex(8);
  /** Downtown Chicago: 40 incidents in every hour of the training week. */
  private static final String BUSY = CELLS.cellOf(41.8781, -87.6298);
  /** Far north-west, never seen in training: its normal is the (low) city mean, shrunk. */
  private static final String QUIET = CELLS.cellOf(41.98, -87.80);
  /** A Monday in July 2017, 10:00 Chicago time. */
  private static final Instant T10 = Instant.parse("2017-07-03T15:00:00Z");

  private static BaselineRates baseline;

  private KeyedOneInputStreamOperatorTestHarness<String, CellWindowCount, HotspotEvent> harness;

  /**
   * A synthetic baseline with known shape (the real one is fitted from two years of data): one training week, the busy
   * cell at 40 incidents an hour and 216 cells around it with one incident each, so that the city mean is about 0.2
   * an hour and a cell never seen expects about 0.1 an hour.
   */
  @BeforeAll
  static void fitBaseline() {
    Instant monday = Instant.parse("2017-06-05T05:00:00Z"); // Monday 00:00 in Chicago
    List<Incident> training = new ArrayList<>();
    for (int h = 0; h < BaselineRates.HOURS_PER_WEEK; h++) {
      for (int i = 0; i < 40; i++) {
        training.add(incidentIn(BUSY, monday.plus(Duration.ofHours(h)).plusSeconds(60L * i)));
      }
    }
    List<String> around = CellIndex.disk(BUSY, 8).stream().filter(c -> !c.equals(BUSY)).toList();
    IntStream.range(0, around.size())
        .forEach(i -> training.add(incidentIn(around.get(i), monday.plus(Duration.ofHours(i % 168)))));
    baseline = BaselineRates.fit(training.stream(), 8, monday, monday.plus(Duration.ofDays(7)));
  }

  private static Incident incidentIn(String cell, Instant at) {
    GeoPoint c = CellIndex.centroid(cell);
    return new Incident("t", "test", at, null, c.lat(), c.lon(), "THEFT", "THEFT", "", "", "", "");
  }

  @BeforeEach
  void openHarness() throws Exception {
    harness = newHarness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, CellWindowCount, HotspotEvent> newHarness()
      throws Exception {
    HotspotDetector detector = new HotspotDetector(baseline, new HotspotRule(3, 1e-3), HOUR);
    KeySelector<CellWindowCount, String> byCell = CellWindowCount::cellId;
    return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(detector), byCell, Types.STRING);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  /** A window of {@code cell} ending {@code minutesAfter10} minutes after 10:00, with 2/3 assaults, 1/3 thefts. */
  private static CellWindowCount window(String cell, int minutesAfter10, int observed) {
    Instant end = T10.plus(Duration.ofMinutes(minutesAfter10));
    Map<String, Long> categories = new LinkedHashMap<>();
    long assaults = Math.round(observed * 2 / 3.0);
    categories.put("ASSAULT_BATTERY", assaults);
    if (observed - assaults > 0) {
      categories.put("THEFT", observed - assaults);
    }
    List<String> ids = IntStream.range(0, observed).mapToObj(i -> cell + "-" + minutesAfter10 + "-" + i).toList();
    Map<String, Double> forecast = Map.of("THEFT", 0.35, "ASSAULT_BATTERY", 0.3, "ROBBERY", 0.05, "BURGLARY", 0.2);
    return new CellWindowCount(cell, end.minus(HOUR), end, observed, categories, ids, forecast, 1.25);
  }

  private void send(CellWindowCount window) throws Exception {
    // the window operator stamps its results with the window's last millisecond
    harness.processElement(window, window.windowEnd().toEpochMilli() - 1);
  }

  private void watermark(int minutesAfter10, long plusMillis) throws Exception {
    harness.processWatermark(T10.plus(Duration.ofMinutes(minutesAfter10)).toEpochMilli() + plusMillis);
  }

  private List<HotspotEvent> takeOutput() {
    List<HotspotEvent> events = harness.extractOutputValues();
    harness.getOutput().clear();
    return events;
  }

  @Test
  void aSignificantWindowStartsARunThatKeepsItsIdAndClearsAfterAQuietWindowLength() throws Exception {
    send(window(QUIET, 5, 6));
    List<HotspotEvent> first = takeOutput();

    assertThat(first).hasSize(1);
    HotspotEvent active = first.get(0);
    String runId = QUIET + "@2017-07-03T15:05:00Z";
    double expected = baseline.expected(QUIET, T10.minus(Duration.ofMinutes(55)), T10.plus(Duration.ofMinutes(5)));
    assertThat(expected).isBetween(0.01, 0.5);
    assertThat(active.kind()).isEqualTo("hotspot");
    assertThat(active.status()).isEqualTo(HotspotEvent.ACTIVE);
    assertThat(active.hotspotId()).isEqualTo(runId);
    assertThat(active.cellId()).isEqualTo(QUIET);
    assertThat(active.resolution()).isEqualTo(8);
    assertThat(active.observed()).isEqualTo(6);
    assertThat(active.expected()).isCloseTo(expected, within(1e-12));
    assertThat(active.pValue()).isEqualTo(HotspotRule.pValue(6, expected)).isLessThan(1e-3);
    assertThat(active.centroid()).isEqualTo(CellIndex.centroid(QUIET));
    assertThat(active.geometry()).isEqualTo(CellIndex.boundary(QUIET));
    assertThat(active.categories()).containsEntry("ASSAULT_BATTERY", 4L).containsEntry("THEFT", 2L);
    assertThat(active.incidentIds()).hasSize(6);
    // the three likeliest categories; map order does not survive Flink's map serializer
    assertThat(active.forecast()).containsOnlyKeys("THEFT", "ASSAULT_BATTERY", "BURGLARY").containsEntry("THEFT", 0.35);
    assertThat(active.meanSurprise()).isEqualTo(1.25);
    assertThat(active.explanation())
        .matches(
            "6 incidents in the last 60 min where 0\\.\\d+ were expected \\(p = \\d\\.\\de-\\d+\\): "
                + "4 ASSAULT_BATTERY, 2 THEFT");

    send(window(QUIET, 10, 7));
    send(window(QUIET, 15, 2)); // too few: no event, the run goes on
    List<HotspotEvent> more = takeOutput();
    assertThat(more).extracting(HotspotEvent::status, HotspotEvent::hotspotId, HotspotEvent::observed)
        .containsExactly(tuple(HotspotEvent.ACTIVE, runId, 7L));

    // the last significant window ended at 10:10: the run clears at 11:10, not a millisecond earlier
    watermark(70, -1);
    assertThat(takeOutput()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    watermark(70, 0);
    List<HotspotEvent> cleared = takeOutput();
    assertThat(cleared).hasSize(1);
    assertThat(cleared.get(0).status()).isEqualTo(HotspotEvent.CLEARED);
    assertThat(cleared.get(0).hotspotId()).isEqualTo(runId);
    assertThat(cleared.get(0).windowEnd()).isEqualTo(T10.plus(Duration.ofMinutes(70)));
    // no window ended at 11:10 (its hour had no incidents)
    assertThat(cleared.get(0).observed()).isZero();
    assertThat(cleared.get(0).incidentIds()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theClearedEventCarriesTheLastWindowWhenItEndsAtTheClearTime() throws Exception {
    send(window(QUIET, 5, 6));
    send(window(QUIET, 65, 1));
    takeOutput();

    watermark(65, 0);
    assertThat(takeOutput()).singleElement().satisfies(e -> {
      assertThat(e.status()).isEqualTo(HotspotEvent.CLEARED);
      assertThat(e.windowEnd()).isEqualTo(T10.plus(Duration.ofMinutes(65)));
      assertThat(e.observed()).isEqualTo(1);
      assertThat(e.incidentIds()).containsExactly(QUIET + "-65-0");
      assertThat(e.explanation()).startsWith("No significant excess for 60 min: 1 incident in the last 60 min");
    });
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void aLaterRunGetsANewId() throws Exception {
    send(window(QUIET, 5, 6));
    watermark(65, 0);
    send(window(QUIET, 120, 5));

    assertThat(takeOutput())
        .extracting(HotspotEvent::status, HotspotEvent::hotspotId)
        .containsExactly(
            tuple(HotspotEvent.ACTIVE, QUIET + "@2017-07-03T15:05:00Z"),
            tuple(HotspotEvent.CLEARED, QUIET + "@2017-07-03T15:05:00Z"),
            tuple(HotspotEvent.ACTIVE, QUIET + "@2017-07-03T17:00:00Z"));
  }

  @Test
  void whenEventTimeJumpsPastARunItClearsBeforeTheNextStarts() throws Exception {
    send(window(QUIET, 5, 6));
    send(window(QUIET, 90, 6)); // no watermark between: the 11:05 timer could not fire yet

    List<HotspotEvent> events = takeOutput();
    assertThat(events)
        .extracting(HotspotEvent::status, HotspotEvent::hotspotId, HotspotEvent::windowEnd)
        .containsExactly(
            tuple(HotspotEvent.ACTIVE, QUIET + "@2017-07-03T15:05:00Z", T10.plusSeconds(300)),
            tuple(HotspotEvent.CLEARED, QUIET + "@2017-07-03T15:05:00Z", T10.plusSeconds(3900)),
            tuple(HotspotEvent.ACTIVE, QUIET + "@2017-07-03T16:30:00Z", T10.plusSeconds(5400)));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }

  @Test
  void aBusyCellAtItsUsualCountIsNoHotspotAndKeepsNoState() throws Exception {
    assertThat(baseline.expected(BUSY, T10, T10.plus(HOUR))).isGreaterThan(10);
    send(window(BUSY, 5, 6));
    send(window(BUSY, 10, 25));

    assertThat(takeOutput()).isEmpty();
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aRunSurvivesACheckpointAndRestore() throws Exception {
    send(window(QUIET, 5, 6));
    takeOutput();
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(window(QUIET, 10, 6));
    watermark(70, 0);

    assertThat(takeOutput())
        .extracting(HotspotEvent::status, HotspotEvent::hotspotId)
        .containsExactly(
            tuple(HotspotEvent.ACTIVE, QUIET + "@2017-07-03T15:05:00Z"),
            tuple(HotspotEvent.CLEARED, QUIET + "@2017-07-03T15:05:00Z"));
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }
}
