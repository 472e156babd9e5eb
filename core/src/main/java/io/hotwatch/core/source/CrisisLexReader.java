package io.hotwatch.core.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads CrisisLexT26 labelled tweets ({@code <event>-tweets_labeled.csv}): a single file, one event's folder, or the
 * folder of all 26 events.
 *
 * <p>The files carry neither times nor places. The time is decoded from the tweet id (a Twitter snowflake: milliseconds
 * since {@link #TWITTER_EPOCH} in the bits above 22). The place is the event's location from {@code
 * <event>-event_description.json} when that file gives coordinates ({@code location.latitude/longitude}); none of the
 * 26 published descriptions does, so posts come out without coordinates. Authors are not in the data, so {@code
 * authorHash} is null.
 */
public final class CrisisLexReader {

  public static final String SOURCE = "crisislex-t26";
  public static final String FILE_SUFFIX = "-tweets_labeled.csv";
  static final String DESCRIPTION_SUFFIX = "-event_description.json";
  static final String HEADER_PREFIX = "Tweet ID, Tweet Text,";

  /** Twitter's snowflake epoch, 2010-11-04T01:42:54.657Z. */
  public static final Instant TWITTER_EPOCH = Instant.ofEpochMilli(1288834974657L);

  /** Ids below this are pre-2010 sequential ids (all under 3e10) that encode no time. */
  private static final long FIRST_SNOWFLAKE = 1L << 42;

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          // The published header has a space after every comma: " Tweet Text", " Informativeness", ...
          .setIgnoreSurroundingSpaces(true)
          .build();

  private CrisisLexReader() {}

  /** True for a CrisisLexT26 labelled-tweets header line. */
  public static boolean accepts(String header) {
    return header.startsWith(HEADER_PREFIX);
  }

  /** True for a folder holding labelled-tweet files, directly or one level down (one event, or all events). */
  public static boolean isCrisisLexFolder(Path dir) throws IOException {
    return Files.isDirectory(dir) && !labelledFiles(dir).isEmpty();
  }

  /** Posts with their labels; close the stream to close the files. */
  public static Stream<ParsedRow<LabelledPost>> readLabelled(Path path) throws IOException {
    List<Path> files = Files.isDirectory(path) ? labelledFiles(path) : List.of(path);
    if (files.isEmpty()) {
      throw new IOException(path + " holds no CrisisLexT26 *" + FILE_SUFFIX + " files");
    }
    return files.stream().flatMap(CrisisLexReader::readFileUnchecked);
  }

  /** Posts without labels, as they would arrive on the stream. */
  public static Stream<ParsedRow<SocialPost>> read(Path path) throws IOException {
    return readLabelled(path)
        .map(
            row ->
                row.isOk()
                    ? ParsedRow.ok(row.line(), row.value().post(), row.raw())
                    : ParsedRow.<SocialPost>rejected(row.line(), row.rejection(), row.raw()));
  }

  /** When a tweet with this snowflake id was posted. */
  public static Instant snowflakeTime(long tweetId) {
    return TWITTER_EPOCH.plusMillis(tweetId >>> 22);
  }

  private static List<Path> labelledFiles(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir, 2)) {
      return paths
          .filter(p -> p.getFileName().toString().endsWith(FILE_SUFFIX) && Files.isRegularFile(p))
          .sorted()
          .toList();
    }
  }

  private static Stream<ParsedRow<LabelledPost>> readFileUnchecked(Path file) {
    try {
      return readFile(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Stream<ParsedRow<LabelledPost>> readFile(Path file) throws IOException {
    String name = file.getFileName().toString();
    String event = name.endsWith(FILE_SUFFIX) ? name.substring(0, name.length() - FILE_SUFFIX.length()) : name;
    GeoPoint place = eventPlace(file.resolveSibling(event + DESCRIPTION_SUFFIX));
    Reader reader = DataFiles.open(file);
    CSVParser parser = FORMAT.parse(reader);
    return StreamSupport.stream(parser.spliterator(), false)
        .map(r -> parse(r, event, place))
        .onClose(
            () -> {
              try {
                parser.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  static ParsedRow<LabelledPost> parse(CSVRecord r, String event, GeoPoint place) {
    long line = r.getRecordNumber();
    String raw = DataFiles.raw(r);
    if (!r.isConsistent()) {
      return ParsedRow.rejected(
          line, event + ": row has " + r.size() + " columns, header has " + r.getParser().getHeaderNames().size(), raw);
    }
    String idText = r.get("Tweet ID");
    long id;
    try {
      id = Long.parseLong(idText);
    } catch (NumberFormatException e) {
      return ParsedRow.rejected(line, event + ": Tweet ID '" + idText + "' is not an integer", raw);
    }
    if (id < FIRST_SNOWFLAKE) {
      return ParsedRow.rejected(line, event + ": Tweet ID " + id + " is not a snowflake id, its time is unknown", raw);
    }
    String text = r.get("Tweet Text");
    if (text.isBlank()) {
      return ParsedRow.rejected(line, event + ": Tweet Text is empty (tweet " + id + ")", raw);
    }
    SocialPost post =
        new SocialPost(
            idText,
            SOURCE,
            snowflakeTime(id),
            text,
            place == null ? null : place.lat(),
            place == null ? null : place.lon(),
            null);
    return ParsedRow.ok(
        line,
        new LabelledPost(post, r.get("Informativeness"), r.get("Information Type"), r.get("Information Source"), event),
        raw);
  }

  /** The event's coordinates when its description gives them, else null (also when there is no description). */
  static GeoPoint eventPlace(Path description) throws IOException {
    if (!Files.isRegularFile(description)) {
      return null;
    }
    ObjectMapper mapper = EventCodec.newObjectMapper();
    JsonNode location = mapper.readTree(description.toFile()).path("location");
    JsonNode lat = location.path("latitude");
    JsonNode lon = location.path("longitude");
    if (!lat.isNumber() || !lon.isNumber()) {
      return null;
    }
    double latitude = lat.asDouble();
    double longitude = lon.asDouble();
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      throw new IOException(
          description + ": location " + latitude + ", " + longitude + " is outside WGS84 range");
    }
    return new GeoPoint(latitude, longitude);
  }
}
