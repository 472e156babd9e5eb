package io.hotwatch.flink.engine;

import static io.hotwatch.flink.engine.EngineTestCity.CENTRE;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine operator on event time: detection, lifecycle, lateness, restore, and nothing left once quiet. */
class HotspotEngineFunctionTest {

  /** Tuesday 2017-07-04, 19:00 in Chicago. */
  private static final Instant T = Instant.parse("2017-07-05T00:00:00Z");

  private KeyedOneInputStreamOperatorTestHarness<String, IncidentDelta, HotspotAlert> harness;

  private static KeyedOneInputStreamOperatorTestHarness<String, IncidentDelta, HotspotAlert> newHarness()
      throws Exception {
    HotspotEngineFunction function =
        new HotspotEngineFunction(EngineTestCity.BASELINE, EngineTestCity.CALIBRATION, EngineTestCity.SETTINGS);
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(function), new BySource(), Types.STRING);
  }

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** Sends the changes in order, each stamped with its occurrence time, the watermark trailing by a minute. */
  private static void send(
      KeyedOneInputStreamOperatorTestHarness<String, IncidentDelta, HotspotAlert> h, List<IncidentDelta> deltas)
      throws Exception {
    for (IncidentDelta d : deltas) {
      long at = d.incident().incident().occurredAt().toEpochMilli();
      h.processElement(d, at);
      h.processWatermark(at - 60_000);
    }
  }

  private List<HotspotAlert> take() {
    List<HotspotAlert> alerts = new ArrayList<>(harness.extractOutputValues());
    harness.getOutput().clear();
    return alerts;
  }

  /** A day of normal life, a burst of eight assaults in 21 minutes in one cell, then another day of normal life. */
  private static List<IncidentDelta> dayBurstDay() {
    List<IncidentDelta> deltas = new ArrayList<>(EngineTestCity.background(T.minus(Duration.ofDays(1)),
        T.plus(Duration.ofDays(1)), 5));
    IntStream.range(0, 8).forEach(i -> deltas.add(
        EngineTestCity.add("burst-" + i, CENTRE, T.plus(Duration.ofMinutes(3L * i)), "ASSAULT_BATTERY")));
    deltas.sort(java.util.Comparator.comparing(d -> d.incident().incident().occurredAt()));
    return deltas;
  }

  @Test
  void aBurstIsOpenedUpdatedAndClosedUnderOneIdAndNoStateOrTimerOutlivesTheQuiet() throws Exception {
    send(harness, dayBurstDay());
    harness.processWatermark(T.plus(Duration.ofDays(10)).toEpochMilli());
    List<HotspotAlert> alerts = take();

    List<HotspotAlert> burst = alerts.stream().filter(a -> a.incidentIds().contains("burst-0")).toList();
    assertThat(burst).isNotEmpty();
    String id = burst.get(0).hotspotId();
    List<HotspotAlert> life = alerts.stream().filter(a -> a.hotspotId().equals(id)).toList();
    assertThat(life.get(0).type()).isEqualTo(HotspotAlert.OPENED);
    assertThat(life.get(0).evaluatedAt()).isBetween(T.plus(Duration.ofMinutes(5)), T.plus(Duration.ofMinutes(25)));
    assertThat(life.get(life.size() - 1).type()).isEqualTo(HotspotAlert.CLOSED);
    assertThat(life).extracting(HotspotAlert::revision)
        .containsExactlyElementsOf(IntStream.range(0, life.size()).boxed().toList());
    assertThat(life.stream().filter(a -> a.type().equals(HotspotAlert.UPDATED)))
        .allSatisfy(a -> assertThat(a.observed()).isEqualTo(a.incidentIds().size()));
    // every alert, of any hotspot, is well formed
    assertThat(alerts).allSatisfy(a -> {
      assertThat(a.observed()).isEqualTo(a.incidentIds().size());
      assertThat(a.source()).isEqualTo(EngineTestCity.SOURCE);
    });

    // ten days on, everything has left the longest window and the cell memory: nothing kept, nothing scheduled
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aLateIncidentCorrectsTheOpenHotspotAndOneBeyondTheLatenessGoesToTheSideOutput() throws Exception {
    List<IncidentDelta> burst = IntStream.range(0, 6)
        .mapToObj(i -> EngineTestCity.add("burst-" + i, CENTRE, T.plus(Duration.ofMinutes(2L * i)), "ASSAULT_BATTERY"))
        .toList();
    send(harness, burst);
    harness.processWatermark(T.plus(Duration.ofMinutes(30)).toEpochMilli());
    List<HotspotAlert> opened = take();
    assertThat(opened).isNotEmpty();
    assertThat(opened.get(0).type()).isEqualTo(HotspotAlert.OPENED);

    // 20 minutes behind the watermark: within the hour of lateness
    IncidentDelta late = EngineTestCity.add("late", CENTRE, T.plus(Duration.ofMinutes(10)), "ROBBERY");
    harness.processElement(late, late.incident().incident().occurredAt().toEpochMilli());
    // two hours behind: not counted, not lost
    IncidentDelta tooLate = EngineTestCity.add("too-late", CENTRE, T.minus(Duration.ofMinutes(90)), "ROBBERY");
    harness.processElement(tooLate, tooLate.incident().incident().occurredAt().toEpochMilli());
    harness.processWatermark(T.plus(Duration.ofMinutes(35)).toEpochMilli());

    assertThat(take()).singleElement().satisfies(u -> {
      assertThat(u.type()).isEqualTo(HotspotAlert.UPDATED);
      assertThat(u.hotspotId()).isEqualTo(opened.get(0).hotspotId());
      assertThat(u.incidentIds()).contains("late").doesNotContain("too-late");
      assertThat(u.categories()).containsEntry("ROBBERY", 1L);
    });
    assertThat(harness.getSideOutput(HotspotEngineFunction.UNCOUNTED))
        .extracting(StreamRecord::getValue)
        .extracting(ScoredIncident::incident)
        .extracting(i -> i.id())
        .containsExactly("too-late");
  }

  @Test
  void aRetractionTakesTheIncidentOutOfTheNextStep() throws Exception {
    List<IncidentDelta> burst = IntStream.range(0, 6)
        .mapToObj(i -> EngineTestCity.add("burst-" + i, CENTRE, T.plus(Duration.ofMinutes(2L * i)), "ASSAULT_BATTERY"))
        .toList();
    send(harness, burst);
    // re-reported before the first step: the old version leaves, the new one (moved far away) joins
    IncidentDelta old = burst.get(5);
    String far = io.hotwatch.core.geo.CellIndex.disk(CENTRE, 3).get(36);
    harness.processElement(IncidentDelta.retract(old.incident()), old.incident().incident().occurredAt().toEpochMilli());
    harness.processElement(EngineTestCity.add("burst-5", far, T.plus(Duration.ofMinutes(10)), "ASSAULT_BATTERY"),
        T.plus(Duration.ofMinutes(10)).toEpochMilli());
    harness.processWatermark(T.plus(Duration.ofMinutes(15)).toEpochMilli());

    List<HotspotAlert> alerts = take();
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).cells()).doesNotContain(far);
    assertThat(alerts.get(0).incidentIds()).containsExactly("burst-0", "burst-1", "burst-2", "burst-3", "burst-4");
  }

  @Test
  void aRestoredOperatorContinuesExactlyAsOneThatNeverStopped() throws Exception {
    List<IncidentDelta> deltas = dayBurstDay();
    int half = (int) deltas.stream().filter(d -> d.incident().incident().occurredAt().isBefore(T.plus(Duration
        .ofMinutes(7)))).count();

    send(harness, deltas);
    harness.processWatermark(T.plus(Duration.ofDays(2)).toEpochMilli());
    List<HotspotAlert> uninterrupted = take();

    KeyedOneInputStreamOperatorTestHarness<String, IncidentDelta, HotspotAlert> first = newHarness();
    first.open();
    send(first, deltas.subList(0, half));
    List<HotspotAlert> before = new ArrayList<>(first.extractOutputValues());
    OperatorSubtaskState snapshot = first.snapshot(1, T.toEpochMilli());
    first.close();

    KeyedOneInputStreamOperatorTestHarness<String, IncidentDelta, HotspotAlert> second = newHarness();
    second.initializeState(snapshot);
    second.open();
    send(second, deltas.subList(half, deltas.size()));
    second.processWatermark(T.plus(Duration.ofDays(2)).toEpochMilli());
    List<HotspotAlert> resumed = new ArrayList<>(before);
    resumed.addAll(second.extractOutputValues());
    second.close();

    assertThat(uninterrupted).anyMatch(a -> a.incidentIds().contains("burst-0"));
    assertThat(resumed).usingRecursiveComparison().isEqualTo(uninterrupted);
  }
}
