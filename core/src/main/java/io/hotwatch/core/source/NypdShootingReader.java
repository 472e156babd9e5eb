package io.hotwatch.core.source;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads NYC OpenData's "NYPD Shooting Incident Data (Historic)" CSV into incidents. One row per victim: the
 * {@code INCIDENT_KEY} repeats for multi-victim shootings and is kept as the incident id.
 */
public final class NypdShootingReader {

  public static final String SOURCE = "nypd-shootings";
  public static final ZoneId ZONE = ZoneId.of("America/New_York");
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yy", Locale.US);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm:ss", Locale.US);

  private NypdShootingReader() {}

  public static boolean accepts(String header) {
    return header.startsWith("INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,");
  }

  public static Stream<ParsedRow<Incident>> read(Path file) throws IOException {
    Reader reader = DataFiles.open(file);
    CSVParser parser =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
    return StreamSupport.stream(parser.spliterator(), false)
        .map(NypdShootingReader::parse)
        .onClose(
            () -> {
              try {
                parser.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  static ParsedRow<Incident> parse(CSVRecord r) {
    long line = r.getRecordNumber();
    String raw = DataFiles.raw(r);
    if (!r.isConsistent()) {
      return ParsedRow.rejected(line, "row has " + r.size() + " columns, header has " + r.getParser().getHeaderNames().size(), raw);
    }
    String id = r.get("INCIDENT_KEY").trim();
    if (id.isEmpty()) {
      return ParsedRow.rejected(line, "INCIDENT_KEY is empty", raw);
    }
    Instant occurredAt;
    try {
      occurredAt =
          LocalDate.parse(r.get("OCCUR_DATE").trim(), DATE)
              .atTime(LocalTime.parse(r.get("OCCUR_TIME").trim(), TIME))
              .atZone(ZONE)
              .toInstant();
    } catch (DateTimeParseException e) {
      return ParsedRow.rejected(
          line, "OCCUR_DATE '" + r.get("OCCUR_DATE") + "' / OCCUR_TIME '" + r.get("OCCUR_TIME") + "' is not M/d/yy H:mm:ss", raw);
    }
    double latitude;
    double longitude;
    try {
      latitude = Double.parseDouble(r.get("Latitude").trim());
      longitude = Double.parseDouble(r.get("Longitude").trim());
    } catch (NumberFormatException e) {
      return ParsedRow.rejected(line, "Latitude '" + r.get("Latitude") + "' or Longitude '" + r.get("Longitude") + "' is not a number", raw);
    }
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      return ParsedRow.rejected(line, "Latitude " + latitude + " / Longitude " + longitude + " is outside WGS84 range", raw);
    }
    boolean murder = Boolean.parseBoolean(r.get("STATISTICAL_MURDER_FLAG").trim().toLowerCase(Locale.ROOT));
    return ParsedRow.ok(
        line,
        new Incident(
            id,
            SOURCE,
            occurredAt,
            null,
            latitude,
            longitude,
            CrimeCategory.fromNypdShooting(murder).name(),
            murder ? "SHOOTING (MURDER)" : "SHOOTING",
            "",
            r.get("BORO").trim(),
            r.get("PRECINCT").trim(),
            r.get("LOCATION_DESC").trim()),
        raw);
  }
}
