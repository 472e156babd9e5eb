package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.CellWindowCount;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import io.hotwatch.flink.functions.LateIncidents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The job's own window stage (1 h sliding every 5 min, 1 h allowed lateness, late side output), taken from its wiring
 * into a harness.
 */
class CellWindowCountsTest {

  private static final CellIndex CELLS = new CellIndex(8);
  private static final String A = CELLS.cellOf(41.8781, -87.6298);
  private static final String B = CELLS.cellOf(41.98, -87.80);
  private static final Instant T10 = Instant.parse("2017-07-03T15:00:00Z");

  private KeyedOneInputStreamOperatorTestHarness<String, IncidentDelta, CellWindowCount> harness;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void openTheJobsWindowOperator() throws Exception {
    HotspotJobConfig config = HotspotJobConfig.defaults("localhost:9092", Path.of("unused"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    DataStream<IncidentDelta> input =
        env.fromData(TypeInformation.of(IncidentDelta.class), IncidentDelta.add(scored(A, 1, "THEFT", 0.5f)));
    var windows =
        (OneInputTransformation<IncidentDelta, CellWindowCount>)
            HotspotJob.countPerCell(input, config).getTransformation();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            windows.getOperatorFactory(),
            (org.apache.flink.api.java.functions.KeySelector<IncidentDelta, String>) windows.getStateKeySelector(),
            (TypeInformation<String>) windows.getStateKeyType());
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  /** An incident {@code minutesAfter10} minutes after 10:00 with p(actual) = {@code p}, the rest on OTHER. */
  private static ScoredIncident scored(String cell, int minutesAfter10, String category, float p) {
    Incident incident =
        new Incident(
            cell + "+" + minutesAfter10, "test", T10.plus(Duration.ofMinutes(minutesAfter10)), null, 41.9, -87.7,
            category, category, "", "", "", "");
    float[] probabilities = new float[CrimeCategory.values().length];
    probabilities[CrimeCategory.parse(category).ordinal()] = p;
    probabilities[CrimeCategory.OTHER.ordinal()] += 1 - p;
    return new ScoredIncident(cell, incident, probabilities, -Math.log(p));
  }

  private void send(ScoredIncident s) throws Exception {
    harness.processElement(IncidentDelta.add(s), s.incident().occurredAt().toEpochMilli());
  }

  private void retract(ScoredIncident s) throws Exception {
    harness.processElement(IncidentDelta.retract(s), s.incident().occurredAt().toEpochMilli());
  }

  private Map<Instant, CellWindowCount> windowsOf(String cell) {
    return harness.extractOutputValues().stream()
        .filter(w -> w.cellId().equals(cell))
        .collect(Collectors.toMap(CellWindowCount::windowEnd, w -> w));
  }

  @Test
  void countsEveryCellInEveryHourLongWindowThatHoldsItsIncidents() throws Exception {
    send(scored(A, 1, "THEFT", 0.5f));
    send(scored(A, 2, "ASSAULT_BATTERY", 0.25f));
    send(scored(B, 3, "THEFT", 0.8f));
    send(scored(A, 40, "THEFT", 0.5f));
    harness.processWatermark(T10.plus(Duration.ofMinutes(65)).toEpochMilli());

    Map<Instant, CellWindowCount> a = windowsOf(A);
    // windows ending 10:05 .. 11:05 hold 10:01; each window is [end - 1 h, end)
    assertThat(a.keySet()).containsExactlyInAnyOrderElementsOf(
        List.of(5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65).stream()
            .map(m -> T10.plus(Duration.ofMinutes(m))).toList());
    CellWindowCount hour = a.get(T10.plus(Duration.ofMinutes(60)));
    assertThat(hour.windowStart()).isEqualTo(T10);
    assertThat(hour.observed()).isEqualTo(3);
    assertThat(hour.categories()).containsOnly(Map.entry("THEFT", 2L), Map.entry("ASSAULT_BATTERY", 1L));
    assertThat(hour.incidentIds()).containsExactlyInAnyOrder(A + "+1", A + "+2", A + "+40");
    assertThat(hour.meanForecast().get("THEFT")).isCloseTo((0.5 + 0 + 0.5) / 3, within(1e-6));
    assertThat(hour.meanForecast().get("OTHER")).isCloseTo((0.5 + 0.75 + 0.5) / 3, within(1e-6));
    assertThat(hour.meanSurprise()).isCloseTo((-Math.log(0.5) * 2 - Math.log(0.25)) / 3, within(1e-6));
    assertThat(a.get(T10.plus(Duration.ofMinutes(5))).observed()).isEqualTo(2);
    assertThat(a.get(T10.plus(Duration.ofMinutes(65))).observed()).isEqualTo(1);

    assertThat(windowsOf(B).get(T10.plus(Duration.ofMinutes(60))).observed()).isEqualTo(1);
  }

  @Test
  void aRetractionTakesItsIncidentOutOfEveryWindowThatCountedIt() throws Exception {
    ScoredIncident first = scored(A, 1, "THEFT", 0.5f);
    ScoredIncident moved = scored(A, 40, "THEFT", 0.5f);
    send(first);
    send(moved);
    retract(moved); // re-reported elsewhere: another cell's windows get the new version
    send(scored(A, 2, "ROBBERY", 0.25f));
    harness.processWatermark(T10.plus(Duration.ofMinutes(65)).toEpochMilli());

    CellWindowCount hour = windowsOf(A).get(T10.plus(Duration.ofMinutes(60)));
    assertThat(hour.observed()).isEqualTo(2);
    assertThat(hour.incidentIds()).containsExactlyInAnyOrder(A + "+1", A + "+2");
    assertThat(hour.categories()).containsOnly(Map.entry("THEFT", 1L), Map.entry("ROBBERY", 1L));
    assertThat(hour.meanSurprise()).isCloseTo((-Math.log(0.5) - Math.log(0.25)) / 2, within(1e-6));
    assertThat(hour.meanForecast().get("OTHER")).isCloseTo((0.5 + 0.75) / 2, within(1e-6));
  }

  @Test
  void aLateIncidentWithinTheAllowedLatenessUpdatesItsWindowsWhichFireAgain() throws Exception {
    send(scored(A, 1, "THEFT", 0.5f));
    send(scored(A, 2, "THEFT", 0.5f));
    harness.processWatermark(T10.plus(Duration.ofMinutes(65)).toEpochMilli());
    int before = harness.extractOutputValues().size();

    // 10:03 lies in the windows ending 10:05 .. 11:00, all fired at 11:05; the one ending 10:05 is past its hour of
    // lateness and gone, the others take it and fire again
    ScoredIncident late = scored(A, 3, "THEFT", 0.5f);
    send(late);
    List<CellWindowCount> all = harness.extractOutputValues();
    assertThat(all.subList(before, all.size()))
        .extracting(CellWindowCount::windowEnd, CellWindowCount::observed)
        .containsExactlyInAnyOrderElementsOf(
            List.of(10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60).stream()
                .map(m -> tuple(T10.plus(Duration.ofMinutes(m)), 3L))
                .toList());
    assertThat(harness.getSideOutput(LateIncidents.TAG)).isNull();

    // once the watermark is past the allowed lateness, every window and its state is gone
    harness.processWatermark(T10.plus(Duration.ofMinutes(200)).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void anIncidentTooLateForAllItsWindowsGoesToTheLateOutputNotAway() throws Exception {
    send(scored(A, 1, "THEFT", 0.5f));
    harness.processWatermark(T10.plus(Duration.ofMinutes(125)).toEpochMilli());
    int windowsBefore = harness.extractOutputValues().size();

    // 9:30 lies in the windows ending 9:35 .. 10:30; with 1 h of lateness those all closed by 11:30
    ScoredIncident tooLate = scored(A, -30, "THEFT", 0.5f);
    // 10:30 lies in the windows ending 10:35 .. 11:30; those ending after 11:05 still take it (until 12:05)
    ScoredIncident partlyLate = scored(A, 30, "ROBBERY", 0.5f);
    send(tooLate);
    send(partlyLate);
    harness.processWatermark(T10.plus(Duration.ofMinutes(300)).toEpochMilli());

    assertThat(harness.getSideOutput(LateIncidents.TAG))
        .extracting(StreamRecord::getValue)
        .extracting(d -> d.incident().incident().id())
        .containsExactly(tooLate.incident().id());
    List<CellWindowCount> all = harness.extractOutputValues();
    List<CellWindowCount> later = all.subList(windowsBefore, all.size());
    assertThat(later).allSatisfy(w -> assertThat(w.incidentIds()).containsExactly(partlyLate.incident().id()));
    assertThat(later).extracting(CellWindowCount::windowEnd)
        .containsExactlyInAnyOrderElementsOf(
            List.of(70, 75, 80, 85, 90).stream().map(m -> T10.plus(Duration.ofMinutes(m))).toList());
  }
}
