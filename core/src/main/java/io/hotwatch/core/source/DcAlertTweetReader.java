package io.hotwatch.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Reads the geocoded Washington DC police "Alert:" tweets (a GeoJSON FeatureCollection of Points) into social posts.
 *
 * <p>{@code Datetime} ({@code M/d/yyyy H:mm:ss}) is UTC, as snscrape writes it, not DC local time: the times the alerts
 * themselves quote ("Shooting at 2111 hrs") fall 10-60 minutes before {@code Datetime} read as UTC and 4-5 hours after
 * it read as Eastern time, and the snowflake time of the (rounded) tweet ids agrees with UTC to within an hour.
 *
 * <p>{@code Tweet Id} went through a spreadsheet and is mostly float text ({@code 1.41045E+18}): 188 alerts share 178
 * such values. An id that is still all digits is kept; otherwise the post id is {@code dc-mpd-} plus the export's row
 * number {@code Field 1}, which is unique and stable for this file.
 */
public final class DcAlertTweetReader {

  public static final String SOURCE = "dc-mpd-alert-tweets";
  /** The city's time zone, for local calendar dates; the file's own times are UTC. */
  public static final ZoneId ZONE = ZoneId.of("America/New_York");
  static final String ID_PREFIX = "dc-mpd-";
  static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("M/d/yyyy H:mm:ss", Locale.US);
  private static final Pattern TWEET_ID = Pattern.compile("[1-9][0-9]{9,19}");
  private static final Pattern ROW_NUMBER = Pattern.compile("[0-9]{1,10}");

  private DcAlertTweetReader() {}

  /** How much of a file {@link #accepts} looks at: the opening of the first feature, however the JSON is laid out. */
  private static final int HEAD_CHARS = 8192;

  /** True when a file starts like a GeoJSON FeatureCollection whose features carry this export's properties. */
  public static boolean accepts(Path file) throws IOException {
    char[] buffer = new char[HEAD_CHARS];
    int length = 0;
    try (Reader reader = DataFiles.open(file)) {
      for (int n; length < buffer.length && (n = reader.read(buffer, length, buffer.length - length)) > 0; ) {
        length += n;
      }
    }
    String head = new String(buffer, 0, length).stripLeading();
    return head.startsWith("{") && head.contains("\"FeatureCollection\"") && head.contains("\"Tweet Id\"");
  }

  public static Stream<ParsedRow<SocialPost>> read(Path file) throws IOException {
    return read(file, AuthorHash.fromEnvironment());
  }

  /** Parses the whole file (a few hundred features) and returns one row per feature, in file order. */
  public static Stream<ParsedRow<SocialPost>> read(Path file, AuthorHash authors) throws IOException {
    ObjectMapper mapper = EventCodec.newObjectMapper();
    JsonNode root;
    try (Reader reader = DataFiles.open(file)) {
      root = mapper.readTree(reader);
    }
    JsonNode features = root == null ? null : root.get("features");
    if (features == null || !features.isArray()) {
      throw new IOException(file + " is not a GeoJSON FeatureCollection (no \"features\" array)");
    }
    return IntStream.range(0, features.size()).mapToObj(i -> parse(i + 1, features.get(i), authors));
  }

  static ParsedRow<SocialPost> parse(long line, JsonNode feature, AuthorHash authors) {
    String raw = feature.toString();
    JsonNode props = feature.path("properties");
    String id = postId(props);
    if (id == null) {
      return ParsedRow.rejected(line, "neither Tweet Id '" + props.path("Tweet Id").asText() + "' nor Field 1 '"
          + props.path("Field 1").asText() + "' gives a post id", raw);
    }
    String datetime = props.path("Datetime").asText("");
    Instant postedAt;
    try {
      postedAt = LocalDateTime.parse(datetime.strip(), DATETIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return ParsedRow.rejected(line, "Datetime '" + datetime + "' is not M/d/yyyy H:mm:ss (post " + id + ")", raw);
    }
    String text = props.path("Text").asText("");
    if (text.isBlank()) {
      return ParsedRow.rejected(line, "Text is empty (post " + id + ")", raw);
    }
    JsonNode geometry = feature.path("geometry");
    JsonNode coordinates = geometry.path("coordinates");
    if (!"Point".equals(geometry.path("type").asText())
        || coordinates.size() < 2
        || !coordinates.get(0).isNumber()
        || !coordinates.get(1).isNumber()) {
      return ParsedRow.rejected(line, "geometry " + geometry + " is not a GeoJSON Point [lon, lat] (post " + id + ")", raw);
    }
    double longitude = coordinates.get(0).asDouble();
    double latitude = coordinates.get(1).asDouble();
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      return ParsedRow.rejected(
          line, "coordinates [" + longitude + ", " + latitude + "] are outside WGS84 range (post " + id + ")", raw);
    }
    String username = props.path("Username").asText("");
    return ParsedRow.ok(
        line, new SocialPost(id, SOURCE, postedAt, text, latitude, longitude, authors.of(username)), raw);
  }

  private static String postId(JsonNode props) {
    String tweetId = props.path("Tweet Id").asText("").strip();
    if (TWEET_ID.matcher(tweetId).matches()) {
      return tweetId;
    }
    String row = props.path("Field 1").asText("").strip();
    if (ROW_NUMBER.matcher(row).matches()) {
      return ID_PREFIX + row;
    }
    return null;
  }
}
