package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.ParsedIncident;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IncidentParserTest {

  /** "Now" for the parser: a few days after the real incident below, so that it is not in the future. */
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2017-01-05T12:00:00Z"), ZoneOffset.UTC);

  private static Incident real;
  private static final EventCodec CODEC = new EventCodec();

  private IncidentParser parser;

  @BeforeAll
  static void readRealIncident() throws Exception {
    real = TestData.chicago2017First(1).get(0);
  }

  @BeforeEach
  void open() {
    parser = new IncidentParser(CLOCK);
    parser.open(null);
  }

  private ObjectNode realJson() {
    return CODEC.mapper().valueToTree(real);
  }

  private DeadLetter rejected(String payload) {
    ParsedIncident parsed = parser.parse("incidents", payload);
    assertThat(parsed.isRejected()).as("rejected: %s", payload).isTrue();
    assertThat(parsed.incident()).isNull();
    assertThat(parsed.eventTime()).isEqualTo(ParsedIncident.NO_EVENT_TIME);
    DeadLetter letter = parsed.rejection();
    assertThat(letter.topic()).isEqualTo("incidents");
    assertThat(letter.payload()).isEqualTo(payload);
    assertThat(letter.rejectedAt()).isEqualTo(CLOCK.instant());
    return letter;
  }

  @Test
  void parsesAValidIncident() {
    ParsedIncident parsed = parser.parse("incidents", CODEC.encode(real));

    assertThat(parsed.isRejected()).isFalse();
    assertThat(parsed.incident()).isEqualTo(real);
    assertThat(parsed.eventTime()).isEqualTo(real.occurredAt().toEpochMilli());
  }

  @Test
  void malformedJsonIsRejected() {
    String truncated = CODEC.encode(real).substring(0, 40);
    assertThat(rejected(truncated).reason()).startsWith("malformed JSON");
  }

  @Test
  void aMissingFieldIsNamed() {
    ObjectNode json = realJson();
    json.remove("occurredAt");
    assertThat(rejected(json.toString()).reason()).isEqualTo("field 'occurredAt' is missing");
  }

  @Test
  void aLatitudeOutOfRangeIsNamedWithItsValue() {
    ObjectNode json = realJson();
    json.put("latitude", 91.0);
    assertThat(rejected(json.toString()).reason()).contains("latitude 91.0").contains("[-90, 90]");
  }

  @Test
  void anIncidentBefore1990IsRejected() {
    ObjectNode json = realJson();
    json.put("occurredAt", "1985-06-01T12:00:00Z");
    assertThat(rejected(json.toString()).reason()).contains("1985-06-01T12:00:00Z").contains("before 1990");
  }

  @Test
  void anIncidentAWeekInTheFutureIsRejected() {
    ObjectNode json = realJson();
    json.put("occurredAt", CLOCK.instant().plus(Duration.ofDays(7)).toString());
    assertThat(rejected(json.toString()).reason()).contains("in the future");
  }

  @Test
  void aNonObjectIsRejected() {
    assertThat(rejected("[1, 2, 3]").reason()).isEqualTo("record is not a JSON object");
    assertThat(rejected("42").reason()).isEqualTo("record is not a JSON object");
  }

  @Test
  void anUnknownCategoryIsRejected() {
    ObjectNode json = realJson();
    json.put("category", "JAYWALKING");
    assertThat(rejected(json.toString()).reason()).contains("JAYWALKING");
  }

  @Test
  void kafkaRecordsKeepTheirTopicAndATombstoneIsRejectedNotDropped() {
    List<ParsedIncident> out = new ArrayList<>();
    ListCollector<ParsedIncident> collector = new ListCollector<>(out);

    parser.deserialize(new ConsumerRecord<>("chicago-incidents", 0, 7L, null, null), collector);
    parser.deserialize(
        new ConsumerRecord<>(
            "chicago-incidents", 1, 8L, null, CODEC.encode(real).getBytes(StandardCharsets.UTF_8)),
        collector);

    assertThat(out).hasSize(2);
    assertThat(out.get(0).rejection().topic()).isEqualTo("chicago-incidents");
    assertThat(out.get(0).rejection().reason()).isEqualTo("record is empty");
    assertThat(out.get(1).incident()).isEqualTo(real);
  }
}
