package io.hotwatch.dashboard.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.dashboard.kafka.HotspotAlertDecoder;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Every hotspot event of a real run of the job over the bundled July 2017 month (test resource
 * {@code detect-run/}) becomes a CAP 1.2 document valid against the OASIS schema, with the message type, references
 * and area its place in the hotspot's life calls for.
 */
class DetectRunCapTest {

  @Test
  void everyEventOfTheRunIsAValidCapDocument() throws Exception {
    List<HotspotAlert> events = read();
    assertThat(events).hasSize(301);
    AlertHistory history = new AlertHistory(
        new AlertHistorySettings(Duration.ofDays(60), 10_000), new PoliceDistricts(), List.of());
    CapDocument cap = new CapDocument(new CapSettings("hotwatch.example.org", "Exercise", "Public"));
    Map<String, Integer> msgTypes = new HashMap<>();
    Map<String, Integer> certainties = new HashMap<>();

    for (HotspotAlert event : events) {
      AlertRecord record = history.record(event).orElseThrow();
      List<AlertRecord> earlier = history.earlier(record.id());
      String xml = cap.write(record, earlier);
      CapSchema.validate(xml);

      CapAssessment assessment = CapAssessment.of(record);
      msgTypes.merge(assessment.msgType(), 1, Integer::sum);
      certainties.merge(assessment.certainty(), 1, Integer::sum);
      // The engine's ids hold colons; the alert id still reads back.
      assertThat(AlertId.parse(record.id().toString())).isEqualTo(record.id());
      assertThat(xml).contains("<identifier>" + event.hotspotId() + ":" + event.revision() + "</identifier>");
      assertThat(xml).as("a polygon for %s", record.id()).contains("<polygon>");
      assertThat(record.districts()).as("districts of %s", record.id()).isNotEmpty();
      if (event.revision() == 0) {
        assertThat(assessment.msgType()).isEqualTo("Alert");
        assertThat(xml).doesNotContain("<references>");
      } else {
        assertThat(earlier).as("earlier revisions of %s", record.id()).hasSize(event.revision());
        assertThat(xml).contains("<references>");
      }
    }

    assertThat(msgTypes).containsEntry("Alert", 35).containsEntry("Update", 232).containsEntry("Cancel", 34);
    // The engine opens at a recurrence interval of 2 days, so no open hotspot reads as mere chance.
    assertThat(certainties.keySet()).isSubsetOf("Possible", "Likely", "Observed", "Unlikely");
  }

  private static List<HotspotAlert> read() throws Exception {
    HotspotAlertDecoder decoder = new HotspotAlertDecoder();
    List<HotspotAlert> events = new ArrayList<>();
    try (InputStream in = DetectRunCapTest.class.getResourceAsStream("/detect-run/hotspot-events-2017-07.jsonl.gz");
        BufferedReader lines = new BufferedReader(
            new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        events.add(decoder.decode(line));
      }
    }
    return events;
  }
}
