package io.hotwatch.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

  private final EventCodec codec =
      new EventCodec(Clock.fixed(Instant.parse("2017-07-15T12:00:00Z"), ZoneOffset.UTC));

  private static final Incident THEFT =
      new Incident(
          "11034567",
          "chicago-crimes",
          Instant.parse("2017-07-04T21:30:00Z"),
          Instant.parse("2017-07-11T15:50:00Z"),
          41.8781,
          -87.6298,
          "THEFT",
          "THEFT",
          "$500 AND UNDER",
          "1",
          "0112",
          "STREET");

  @Test
  void incidentRoundTrips() throws Exception {
    String json = codec.encode(THEFT);
    assertThat(json).contains("\"occurredAt\":\"2017-07-04T21:30:00Z\"");
    assertThat(codec.decodeIncident(json)).isEqualTo(THEFT);
  }

  @Test
  void socialPostRoundTripsWithAndWithoutCoordinates() throws Exception {
    SocialPost geo = new SocialPost("1", "dc", Instant.parse("2017-07-01T00:00:00Z"), "Alert: shots", 38.9, -77.0, "ab");
    SocialPost plain = new SocialPost("2", "crisislex", Instant.parse("2013-04-15T19:00:00Z"), "text", null, null, "cd");
    assertThat(codec.decodeSocialPost(codec.encode(geo))).isEqualTo(geo);
    assertThat(codec.decodeSocialPost(codec.encode(plain))).isEqualTo(plain);
    assertThat(plain.geotagged()).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON | {\"id\": | malformed JSON",
        "not an object | [1,2] | record is not a JSON object",
        "empty | '' | record is empty",
        "missing id | {\"source\":\"s\",\"occurredAt\":\"2017-07-01T00:00:00Z\",\"latitude\":41.8,\"longitude\":-87.6,\"category\":\"THEFT\"} | field 'id' is missing",
        "latitude out of range | {\"id\":\"1\",\"source\":\"s\",\"occurredAt\":\"2017-07-01T00:00:00Z\",\"latitude\":91.2,\"longitude\":-87.6,\"category\":\"THEFT\"} | latitude 91.2 is outside [-90, 90]",
        "longitude not a number | {\"id\":\"1\",\"source\":\"s\",\"occurredAt\":\"2017-07-01T00:00:00Z\",\"latitude\":41.8,\"longitude\":\"west\",\"category\":\"THEFT\"} | longitude \"west\" is not a number",
        "bad timestamp | {\"id\":\"1\",\"source\":\"s\",\"occurredAt\":\"07/01/2017\",\"latitude\":41.8,\"longitude\":-87.6,\"category\":\"THEFT\"} | occurredAt '07/01/2017' is not an ISO-8601 instant",
        "before 1990 | {\"id\":\"1\",\"source\":\"s\",\"occurredAt\":\"1985-07-01T00:00:00Z\",\"latitude\":41.8,\"longitude\":-87.6,\"category\":\"THEFT\"} | occurredAt 1985-07-01T00:00:00Z is before 1990-01-01T00:00:00Z",
        "a week ahead | {\"id\":\"1\",\"source\":\"s\",\"occurredAt\":\"2017-07-22T12:00:00Z\",\"latitude\":41.8,\"longitude\":-87.6,\"category\":\"THEFT\"} | occurredAt 2017-07-22T12:00:00Z is more than a day in the future",
        "unknown category | {\"id\":\"1\",\"source\":\"s\",\"occurredAt\":\"2017-07-01T00:00:00Z\",\"latitude\":41.8,\"longitude\":-87.6,\"category\":\"JAYWALKING\"} | category 'JAYWALKING' is not a known category",
      })
  void rejectsBadIncidentsNamingFieldAndValue(String name, String json, String reason) {
    assertThatThrownBy(() -> codec.decodeIncident(json))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void socialPostWithOnlyOneCoordinateIsRejected() {
    String json = "{\"id\":\"1\",\"source\":\"s\",\"postedAt\":\"2017-07-01T00:00:00Z\",\"text\":\"t\",\"latitude\":41.8}";
    assertThatThrownBy(() -> codec.decodeSocialPost(json))
        .hasMessageContaining("got only latitude");
  }
}
