package io.hotwatch.flink.trends;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The tracker over the real 2017 Chicago year in time order, once with the watermark right behind every incident and
 * once with it a few thousand incidents (about a week) behind, as when one input channel runs ahead of the other:
 * the same trends.
 */
class TrendTrackerRealDataTest {

  private static final Instant FROM = Instant.parse("2017-01-01T06:00:00Z");
  private static final Instant TO = Instant.parse("2018-01-01T06:00:00Z");

  @Test
  void theTrendsDoNotDependOnHowFarTheWatermarkLagsBehindTheUpdates() throws Exception {
    List<Incident> incidents = TestData.chicago2017(FROM, TO);
    List<String> close = trends(incidents, 1);
    List<String> lagging = trends(incidents, 5_000);
    assertThat(close).hasSizeGreaterThan(100_000);
    assertThat(lagging).containsExactlyElementsOf(close);
  }

  /** The trend events as sorted JSON lines, with a watermark (just behind the last incident) every {@code every}. */
  private static List<String> trends(List<Incident> incidents, int every) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TrendUpdate, TrendEvent> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new TrendTracker(TrendSettings.defaults())), TrendUpdate::key, Types.STRING);
    harness.open();
    TrendFanOut fanOut = new TrendFanOut();
    List<TrendUpdate> updates = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    EventCodec codec = new EventCodec();
    for (int i = 0; i < incidents.size(); i++) {
      Incident incident = incidents.get(i);
      // the trend path never reads the model's scores: an empty score vector stands in for them
      fanOut.flatMap(
          IncidentDelta.add(new ScoredIncident("882664c1a9fffff", incident, new float[0], 0)),
          new ListCollector<>(updates));
      for (TrendUpdate update : updates) {
        harness.processElement(update, update.occurredAt());
      }
      updates.clear();
      if (i % every == every - 1) {
        harness.processWatermark(incident.occurredAt().toEpochMilli() - 1);
        drain(harness, codec, lines);
      }
    }
    harness.processWatermark(Long.MAX_VALUE);
    drain(harness, codec, lines);
    harness.close();
    lines.sort(null);
    return lines;
  }

  private static void drain(
      KeyedOneInputStreamOperatorTestHarness<String, TrendUpdate, TrendEvent> harness,
      EventCodec codec,
      List<String> lines)
      throws Exception {
    for (TrendEvent trend : harness.extractOutputValues()) {
      lines.add(codec.encode(trend));
    }
    harness.getOutput().clear();
  }
}
