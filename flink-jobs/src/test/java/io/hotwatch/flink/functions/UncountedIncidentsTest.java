package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class UncountedIncidentsTest {

  private final Clock clock = Clock.fixed(Instant.parse("2017-01-02T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void anUncountedIncidentBecomesADeadLetterSayingWhyWithItsJson() throws Exception {
    Incident incident = TestData.chicago2017First(1).get(0);
    String cell = new CellIndex(8).cellOf(incident.latitude(), incident.longitude());
    String coarse = new CellIndex(7).cellOf(incident.latitude(), incident.longitude());
    float[] p = new float[CrimeCategory.values().length];

    try (OneInputStreamOperatorTestHarness<ScoredIncident, DeadLetter> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(
            new UncountedIncidents("incidents", 8, Duration.ofHours(1), clock))) {
      harness.processElement(new ScoredIncident(cell, incident, p, 2.0), incident.occurredAt().toEpochMilli());
      harness.processElement(new ScoredIncident(coarse, incident, p, 2.0), incident.occurredAt().toEpochMilli());

      List<DeadLetter> letters = harness.extractOutputValues();
      assertThat(letters).hasSize(2).allSatisfy(letter -> {
        assertThat(letter.topic()).isEqualTo("incidents");
        assertThat(letter.rejectedAt()).isEqualTo(clock.instant());
        assertThat(new EventCodec(clock).decodeIncident(letter.payload())).isEqualTo(incident);
      });
      assertThat(letters.get(0).reason()).startsWith("late: occurredAt " + incident.occurredAt()).contains("PT1H");
      assertThat(letters.get(1).reason()).isEqualTo(
          "cellId " + coarse + " has H3 resolution 7, the engine counts resolution 8");
    }
  }
}
