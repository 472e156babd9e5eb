package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Versions per incident id on a real Chicago incident and its re-reports, in Flink's keyed operator harness. */
class IncidentVersionsTest {

  private static final Duration HORIZON = Duration.ofDays(8);
  private static final CellIndex CELLS = new CellIndex(8);

  private KeyedOneInputStreamOperatorTestHarness<String, ScoredIncident, IncidentDelta> harness;
  private Incident original;

  @BeforeEach
  void open() throws Exception {
    original = TestData.chicago2017First(1).get(0);
    harness = newHarness();
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, ScoredIncident, IncidentDelta> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new IncidentVersions(HORIZON), s -> s.incident().id(), Types.STRING);
  }

  private static ScoredIncident scored(Incident incident) {
    float[] p = new float[CrimeCategory.values().length];
    p[CrimeCategory.parse(incident.category()).ordinal()] = 1f;
    return new ScoredIncident(CELLS.cellOf(incident.latitude(), incident.longitude()), incident, p, 0);
  }

  /** The same report re-issued: moved 800 m north, reclassified, reported later. */
  private Incident revised(Incident i) {
    return new Incident(
        i.id(), i.source(), i.occurredAt().minus(Duration.ofMinutes(30)),
        i.reportedAt() == null ? i.occurredAt().plus(Duration.ofDays(2)) : i.reportedAt().plus(Duration.ofDays(2)),
        i.latitude() + 0.0072, i.longitude(), "ROBBERY", "ROBBERY", "ARMED: HANDGUN", i.district(), i.beat(),
        i.locationType());
  }

  private void send(Incident incident) throws Exception {
    harness.processElement(scored(incident), incident.occurredAt().toEpochMilli());
  }

  private List<StreamRecord<IncidentDelta>> deltas() {
    return harness.extractOutputStreamRecords().stream().map(r -> r.<IncidentDelta>asRecord()).toList();
  }

  private static long millis(Incident i) {
    return i.occurredAt().toEpochMilli();
  }

  @Test
  void aNewIdIsAnAddition() throws Exception {
    send(original);
    assertThat(deltas()).singleElement().satisfies(r -> {
      assertThat(r.getValue().retraction()).isFalse();
      assertThat(r.getValue().incident().incident()).isEqualTo(original);
      assertThat(r.getTimestamp()).isEqualTo(millis(original));
    });
  }

  @Test
  void aReReportRetractsTheCountedVersionAtItsOwnTimeThenAddsTheNewOne() throws Exception {
    Incident second = revised(original);
    assertThat(CELLS.cellOf(second.latitude(), second.longitude()))
        .isNotEqualTo(CELLS.cellOf(original.latitude(), original.longitude()));
    send(original);
    send(second);
    Incident third = revised(second);
    send(third);

    List<StreamRecord<IncidentDelta>> out = deltas();
    assertThat(out).extracting(r -> r.getValue().sign()).containsExactly(1, -1, 1, -1, 1);
    assertThat(out).extracting(r -> r.getValue().incident().incident())
        .containsExactly(original, original, second, second, third);
    // a retraction carries the time of the version it takes back, so it reaches that version's windows
    assertThat(out).extracting(StreamRecord::getTimestamp)
        .containsExactly(millis(original), millis(original), millis(second), millis(second), millis(third));
    assertThat(out.get(1).getValue().incident().cellId()).isEqualTo(out.get(0).getValue().incident().cellId());
  }

  @Test
  void anExactRepeatIsDropped() throws Exception {
    send(original);
    send(original);
    send(new Incident(
        original.id(), original.source(), original.occurredAt(), original.reportedAt(), original.latitude(),
        original.longitude(), original.category(), original.originalCategory(), original.description(),
        original.district(), original.beat(), original.locationType()));
    assertThat(deltas()).hasSize(1);
  }

  @Test
  void anIdIsForgottenWithItsTimerOnceTheHorizonHasPassed() throws Exception {
    send(original);
    send(revised(original));
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2); // the counted version and when to forget it
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    long forgetAt = millis(original) + HORIZON.toMillis();
    harness.processWatermark(forgetAt - 1);
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    harness.processWatermark(forgetAt);
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();

    // past the horizon the id is new again: the old version is no longer retracted
    harness.getOutput().clear();
    send(original);
    assertThat(deltas()).singleElement().satisfies(r -> assertThat(r.getValue().retraction()).isFalse());
  }

  @Test
  void aVersionBehindTheWatermarkIsKeptForTheHorizonFromTheWatermark() throws Exception {
    Instant watermark = original.occurredAt().plus(Duration.ofDays(3));
    harness.processWatermark(watermark.toEpochMilli());
    send(original);
    harness.processWatermark(watermark.plus(HORIZON).toEpochMilli() - 1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    harness.processWatermark(watermark.plus(HORIZON).toEpochMilli());
    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theCountedVersionSurvivesARestoreFromASnapshot() throws Exception {
    send(original);
    OperatorSubtaskState snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = newHarness();
    harness.initializeState(snapshot);
    harness.open();
    send(original); // a replay after recovery: still a repeat
    Incident second = revised(original);
    send(second);
    assertThat(deltas()).extracting(r -> r.getValue().sign()).containsExactly(-1, 1);
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);
  }
}
