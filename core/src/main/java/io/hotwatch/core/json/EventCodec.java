package io.hotwatch.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * JSON codec for the event schema with strict validation: every rejection names the field and the value.
 *
 * <p>Not thread-safe by contract (build one per operator instance); it holds no mutable state besides the clock.
 */
public final class EventCodec {

  /** Incidents before this are taken for corrupt dates (0, 1900, 1970 placeholders). */
  public static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");

  /** How far past "now" an event time may lie before it is called absurd. */
  public static final Duration MAX_FUTURE = Duration.ofDays(1);

  private final ObjectMapper mapper;
  private final Clock clock;

  public EventCodec() {
    this(Clock.systemUTC());
  }

  public EventCodec(Clock clock) {
    this.mapper = newObjectMapper();
    this.clock = clock;
  }

  /** The project's one Jackson configuration: ISO-8601 instants, unknown properties ignored. */
  public static ObjectMapper newObjectMapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  public ObjectMapper mapper() {
    return mapper;
  }

  public String encode(Object event) {
    try {
      return mapper.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Incident decodeIncident(String json) throws InvalidRecordException {
    JsonNode node = tree(json);
    String id = requiredText(node, "id");
    String source = requiredText(node, "source");
    Instant occurredAt = eventTime(node, "occurredAt");
    Instant reportedAt = optionalInstant(node, "reportedAt");
    double latitude = coordinate(node, "latitude", 90);
    double longitude = coordinate(node, "longitude", 180);
    String category = requiredText(node, "category");
    if (!CrimeCategory.isKnown(category)) {
      throw new InvalidRecordException("category '" + category + "' is not a known category");
    }
    return new Incident(
        id,
        source,
        occurredAt,
        reportedAt,
        latitude,
        longitude,
        category,
        optionalText(node, "originalCategory"),
        optionalText(node, "description"),
        optionalText(node, "district"),
        optionalText(node, "beat"),
        optionalText(node, "locationType"));
  }

  public SocialPost decodeSocialPost(String json) throws InvalidRecordException {
    JsonNode node = tree(json);
    String id = requiredText(node, "id");
    String source = requiredText(node, "source");
    Instant postedAt = eventTime(node, "postedAt");
    String text = requiredText(node, "text");
    boolean hasLat = present(node, "latitude");
    boolean hasLon = present(node, "longitude");
    if (hasLat != hasLon) {
      throw new InvalidRecordException(
          "latitude and longitude must both be given or both be absent, got only "
              + (hasLat ? "latitude" : "longitude"));
    }
    Double latitude = hasLat ? coordinate(node, "latitude", 90) : null;
    Double longitude = hasLon ? coordinate(node, "longitude", 180) : null;
    return new SocialPost(id, source, postedAt, text, latitude, longitude, optionalText(node, "authorHash"));
  }

  private JsonNode tree(String json) throws InvalidRecordException {
    if (json == null || json.isBlank()) {
      throw new InvalidRecordException("record is empty");
    }
    try {
      JsonNode node = mapper.readTree(json);
      if (node == null || !node.isObject()) {
        throw new InvalidRecordException("record is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("malformed JSON: " + e.getOriginalMessage());
    }
  }

  private static boolean present(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && !v.isNull();
  }

  private static String requiredText(JsonNode node, String field) throws InvalidRecordException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidRecordException("field '" + field + "' is missing");
    }
    if (!v.isTextual() && !v.isNumber()) {
      throw new InvalidRecordException("field '" + field + "' must be a string, got " + v);
    }
    String text = v.asText();
    if (text.isBlank()) {
      throw new InvalidRecordException("field '" + field + "' is blank");
    }
    return text;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? "" : v.asText();
  }

  private static double coordinate(JsonNode node, String field, double bound) throws InvalidRecordException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new InvalidRecordException("field '" + field + "' is missing");
    }
    if (!v.isNumber()) {
      throw new InvalidRecordException(field + " " + v + " is not a number");
    }
    double d = v.asDouble();
    if (!Double.isFinite(d) || d < -bound || d > bound) {
      throw new InvalidRecordException(field + " " + v + " is outside [-" + (int) bound + ", " + (int) bound + "]");
    }
    return d;
  }

  private static Instant instant(JsonNode node, String field) throws InvalidRecordException {
    String text = requiredText(node, field);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRecordException(field + " '" + text + "' is not an ISO-8601 instant");
    }
  }

  private static Instant optionalInstant(JsonNode node, String field) throws InvalidRecordException {
    return present(node, field) ? instant(node, field) : null;
  }

  private Instant eventTime(JsonNode node, String field) throws InvalidRecordException {
    Instant t = instant(node, field);
    if (t.isBefore(EARLIEST)) {
      throw new InvalidRecordException(field + " " + t + " is before " + EARLIEST);
    }
    Instant latest = clock.instant().plus(MAX_FUTURE);
    if (t.isAfter(latest)) {
      throw new InvalidRecordException(field + " " + t + " is more than a day in the future (latest allowed " + latest + ")");
    }
    return t;
  }
}
