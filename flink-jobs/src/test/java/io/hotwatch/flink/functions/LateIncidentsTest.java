package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class LateIncidentsTest {

  @Test
  void aLateIncidentBecomesADeadLetterWithItsJson() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2017-01-02T00:00:00Z"), ZoneOffset.UTC);
    Incident incident = TestData.chicago2017First(1).get(0);
    ScoredIncident scored =
        new ScoredIncident("88283082b3fffff", incident, new float[CrimeCategory.values().length], 2.0);

    try (OneInputStreamOperatorTestHarness<IncidentDelta, DeadLetter> harness =
        ProcessFunctionTestHarnesses.forProcessFunction(new LateIncidents("incidents", clock))) {
      harness.processElement(IncidentDelta.add(scored), incident.occurredAt().toEpochMilli());
      harness.processElement(IncidentDelta.retract(scored), incident.occurredAt().toEpochMilli());

      assertThat(harness.extractOutputValues()).hasSize(2).allSatisfy(letter -> {
        assertThat(letter.topic()).isEqualTo("incidents");
        assertThat(letter.reason()).startsWith("late: occurredAt " + incident.occurredAt());
        assertThat(letter.rejectedAt()).isEqualTo(clock.instant());
        assertThat(new EventCodec(clock).decodeIncident(letter.payload())).isEqualTo(incident);
      });
      assertThat(harness.extractOutputValues().get(1).reason()).contains("retraction");
    }
  }
}
