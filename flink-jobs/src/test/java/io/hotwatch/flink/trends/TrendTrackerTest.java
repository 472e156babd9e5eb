package io.hotwatch.flink.trends;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The trend operator on Flink's keyed operator harness, fed through the fan-out as the job feeds it. */
class TrendTrackerTest {

  /** Monday 2017-07-03 00:00 in Chicago (CDT, UTC-5). */
  private static final Instant DAY0 = Instant.parse("2017-07-03T05:00:00Z");

  private KeyedOneInputStreamOperatorTestHarness<String, TrendUpdate, TrendEvent> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness = newHarness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TrendUpdate, TrendEvent> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new TrendTracker(TrendSettings.defaults())), TrendUpdate::key, Types.STRING);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  private static Instant day(int days) {
    return DAY0.plus(Duration.ofDays(days)); // no clock change in July and August
  }

  private static IncidentDelta delta(String id, Instant at, String district, String category, boolean retraction) {
    Incident incident =
        new Incident(id, "chicago-crimes", at, null, 41.88, -87.63, category, category, "", district, "", "STREET");
    // the trend path never reads the model's scores: an empty score vector stands in for them
    ScoredIncident scored = new ScoredIncident("882664c1a9fffff", incident, new float[0], 0);
    return new IncidentDelta(scored, retraction);
  }

  private void send(IncidentDelta delta) throws Exception {
    List<TrendUpdate> updates = new ArrayList<>();
    new TrendFanOut().flatMap(delta, new ListCollector<>(updates));
    for (TrendUpdate update : updates) {
      harness.processElement(update, update.occurredAt());
    }
  }

  private void add(String id, Instant at) throws Exception {
    send(delta(id, at, "11", "THEFT", false));
  }

  private void retract(String id, Instant at) throws Exception {
    send(delta(id, at, "11", "THEFT", true));
  }

  private void watermark(Instant at) throws Exception {
    harness.processWatermark(at.toEpochMilli());
  }

  private List<TrendEvent> takeOutput() {
    List<TrendEvent> events = harness.extractOutputValues();
    harness.getOutput().clear();
    return events;
  }

  private static TrendEvent only(List<TrendEvent> events, String district, String category) {
    return events.stream()
        .filter(e -> e.district().equals(district) && e.category().equals(category))
        .reduce((a, b) -> {
          throw new AssertionError("two trends of " + district + "|" + category + " in " + events);
        })
        .orElseThrow(() -> new AssertionError("no trend of " + district + "|" + category + " in " + events));
  }

  @Test
  void eachKeyEmitsItsDayAtLocalMidnight() throws Exception {
    add("1", day(0).plus(Duration.ofHours(10)));
    add("2", day(0).plus(Duration.ofHours(10).plusMinutes(40)));
    add("3", day(0).plus(Duration.ofHours(22).plusMinutes(30)));
    send(delta("4", day(0).plus(Duration.ofHours(23)), "11", "ROBBERY", false));
    send(delta("5", day(0).plus(Duration.ofHours(23)), "", "ROBBERY", false)); // no district: the city only

    watermark(day(1).minusMillis(1));
    assertThat(takeOutput()).isEmpty();
    assertThat(harness.numEventTimeTimers()).isEqualTo(4);

    watermark(day(1));
    List<TrendEvent> events = takeOutput();
    assertThat(events).hasSize(4);
    TrendEvent theft = only(events, "11", "THEFT");
    assertThat(theft.kind()).isEqualTo("trend");
    assertThat(theft.at()).isEqualTo(day(1));
    assertThat(theft.coveredSince()).isEqualTo(day(0));
    assertThat(theft.coveredDays()).isEqualTo(1);
    assertThat(theft.hourlyCounts()[10]).isEqualTo(2);
    assertThat(theft.hourlyCounts()[22]).isEqualTo(1);
    assertThat(IntStream.of(theft.hourlyCounts()).sum()).isEqualTo(3);
    assertThat(theft.dailyCounts()).hasSize(28);
    assertThat(theft.dailyCounts()[27]).isEqualTo(3);
    assertThat(IntStream.of(theft.dailyCounts()).sum()).isEqualTo(3);
    assertThat(theft.recentRate()).isEqualTo(3.0);
    assertThat(theft.direction()).isEqualTo("flat");
    assertThat(only(events, "11", "ROBBERY").dailyCounts()[27]).isEqualTo(1);
    assertThat(only(events, "11", "ALL").dailyCounts()[27]).isEqualTo(4);
    assertThat(only(events, "CITY", "ALL").dailyCounts()[27]).isEqualTo(5);
    assertThat(harness.numEventTimeTimers()).isEqualTo(4);

    add("6", day(1).plus(Duration.ofHours(8)));
    watermark(day(2));
    TrendEvent next = only(takeOutput(), "11", "THEFT");
    assertThat(next.at()).isEqualTo(day(2));
    assertThat(next.coveredDays()).isEqualTo(2);
    assertThat(next.dailyCounts()[26]).isEqualTo(3);
    assertThat(next.dailyCounts()[27]).isEqualTo(1);
    assertThat(next.hourlyCounts()[8]).isEqualTo(1);
    assertThat(next.horizonRate()).isEqualTo(2.0);
  }

  @Test
  void aRetractionLeavesTheCountEvenForADayAlreadyReported() throws Exception {
    Instant morning = day(0).plus(Duration.ofHours(9));
    add("1", morning);
    add("2", morning.plusSeconds(60));
    add("3", morning.plusSeconds(120));
    retract("2", morning.plusSeconds(60));
    watermark(day(1));
    assertThat(only(takeOutput(), "11", "THEFT").dailyCounts()[27]).isEqualTo(2);

    // re-reported the next day as a robbery: its theft version leaves day 0, the robbery joins it
    retract("3", morning.plusSeconds(120));
    send(delta("3", morning.plusSeconds(120), "11", "ROBBERY", false));
    watermark(day(2));
    List<TrendEvent> events = takeOutput();
    assertThat(only(events, "11", "THEFT").dailyCounts()[26]).isEqualTo(1);
    assertThat(only(events, "11", "ROBBERY").dailyCounts()[26]).isEqualTo(1);
    assertThat(only(events, "11", "ROBBERY").coveredSince()).isEqualTo(day(0));
    assertThat(only(events, "11", "ALL").dailyCounts()[26]).isEqualTo(2);
    assertThat(only(events, "CITY", "ALL").dailyCounts()[26]).isEqualTo(2);
  }

  @Test
  void lateUpdatesCountWithinTheHorizonAndAreDroppedBeyondIt() throws Exception {
    add("1", day(20).plus(Duration.ofHours(1)));
    watermark(day(20).plus(Duration.ofHours(2)));
    // the next trend is due at day 21 and covers days -7 to 20
    add("old", day(-8).plus(Duration.ofHours(23)));
    assertThat(harness.numKeyedStateEntries()).as("state of the first key only").isEqualTo(3 * 2);
    add("late", day(-7).plus(Duration.ofHours(3)));

    watermark(day(21));
    TrendEvent theft = only(takeOutput(), "11", "THEFT");
    assertThat(theft.dailyCounts()[0]).isEqualTo(1);
    assertThat(theft.dailyCounts()[27]).isEqualTo(1);
    assertThat(IntStream.of(theft.dailyCounts()).sum()).isEqualTo(2);
    assertThat(theft.coveredSince()).isEqualTo(day(-7));
    assertThat(theft.coveredDays()).isEqualTo(28);
  }

  @Test
  void aKeyGoneQuietEmitsAZeroTrendAndLeavesNoStateOrTimer() throws Exception {
    add("1", day(0).plus(Duration.ofHours(10)));
    watermark(day(45)); // event time jumps: every day's timer fires in turn

    List<TrendEvent> theft =
        takeOutput().stream().filter(e -> e.district().equals("11") && e.category().equals("THEFT")).toList();
    // days 1 to 28 still hold the incident; day 29's horizon is empty: one zero trend, then nothing
    assertThat(theft).hasSize(29);
    assertThat(theft.get(0).at()).isEqualTo(day(1));
    assertThat(theft.get(27).dailyCounts()[0]).isEqualTo(1);
    TrendEvent last = theft.get(28);
    assertThat(last.at()).isEqualTo(day(29));
    assertThat(last.dailyCounts()).containsOnly(0);
    assertThat(last.rateRatio()).isNull();
    assertThat(last.direction()).isEqualTo("flat");
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();

    // the key starts afresh with the next incident
    add("2", day(46).plus(Duration.ofHours(1)));
    watermark(day(47));
    TrendEvent again = only(takeOutput(), "11", "THEFT");
    assertThat(again.coveredSince()).isEqualTo(day(46));
    assertThat(again.coveredDays()).isEqualTo(1);
  }

  /**
   * With parallelism above one the tracker reads two channels, and one may deliver updates for the days after a
   * midnight before the other lets the watermark reach it. Here a quiet key's next incident (day 31) arrives either
   * before or after day 29's timer, the key's last trend: the trends must be the same.
   */
  @Test
  void aQuietKeysOutputDoesNotDependOnWhetherALaterUpdateArrivedBeforeItsLastTrend() throws Exception {
    Instant later = day(31).plus(Duration.ofHours(2));

    add("1", day(0).plus(Duration.ofHours(10)));
    watermark(day(28).plus(Duration.ofHours(12)));
    add("2", later); // ahead of the watermark, as from the channel that runs ahead
    watermark(day(35));
    List<TrendEvent> early = theftTrends(takeOutput());

    KeyedOneInputStreamOperatorTestHarness<String, TrendUpdate, TrendEvent> other = newHarness();
    other.open();
    for (TrendUpdate update : updates(delta("1", day(0).plus(Duration.ofHours(10)), "11", "THEFT", false))) {
      other.processElement(update, update.occurredAt());
    }
    other.processWatermark(day(29).plus(Duration.ofHours(12)).toEpochMilli());
    for (TrendUpdate update : updates(delta("2", later, "11", "THEFT", false))) {
      other.processElement(update, update.occurredAt());
    }
    other.processWatermark(day(35).toEpochMilli());
    List<TrendEvent> behind = theftTrends(other.extractOutputValues());
    other.close();

    // days 1-28 hold incident 1, day 29 is its zero trend, then the key starts afresh on day 31
    assertThat(behind).hasSize(29 + 4);
    assertThat(behind.get(29).at()).isEqualTo(day(32));
    assertThat(behind.get(29).coveredSince()).isEqualTo(day(31));
    assertThat(early).usingRecursiveFieldByFieldElementComparator().containsExactlyElementsOf(behind);
  }

  private static List<TrendUpdate> updates(IncidentDelta delta) {
    List<TrendUpdate> updates = new ArrayList<>();
    new TrendFanOut().flatMap(delta, new ListCollector<>(updates));
    return updates;
  }

  private static List<TrendEvent> theftTrends(List<TrendEvent> events) {
    return events.stream().filter(e -> e.district().equals("11") && e.category().equals("THEFT")).toList();
  }

  @Test
  void anEarlierUpdateBringsTheNextTrendForward() throws Exception {
    watermark(day(0));
    add("future", day(3).plus(Duration.ofHours(5)));
    add("now", day(0).plus(Duration.ofHours(12)));
    assertThat(harness.numEventTimeTimers()).isEqualTo(3);

    watermark(day(1));
    TrendEvent first = only(takeOutput(), "11", "THEFT");
    assertThat(first.at()).isEqualTo(day(1));
    assertThat(first.dailyCounts()[27]).isEqualTo(1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(3);

    watermark(day(4));
    List<TrendEvent> later = takeOutput().stream().filter(e -> e.category().equals("THEFT")).toList();
    assertThat(later).extracting(TrendEvent::at).containsExactly(day(2), day(3), day(4));
    assertThat(later.get(2).dailyCounts()[27]).isEqualTo(1);
    assertThat(later.get(2).dailyCounts()[24]).isEqualTo(1);
  }

  @Test
  void countsSurviveACheckpointAndRestore() throws Exception {
    add("1", day(0).plus(Duration.ofHours(10)));
    add("2", day(0).plus(Duration.ofHours(11)));
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    retract("1", day(0).plus(Duration.ofHours(10)));
    watermark(day(1));

    TrendEvent theft = only(takeOutput(), "11", "THEFT");
    assertThat(theft.hourlyCounts()[10]).isZero();
    assertThat(theft.hourlyCounts()[11]).isEqualTo(1);
  }
}
