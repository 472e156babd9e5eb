package io.hotwatch.core.source;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
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
 * Reads the City of Chicago "Crimes - 2001 to Present" CSV export (plain or gzipped) into incidents.
 *
 * <p>Dates are Chicago local time ({@code MM/dd/yyyy hh:mm:ss a}); rows without coordinates are rejected because they
 * cannot be placed in a cell. Header lines repeated inside the file (concatenated daily exports) are skipped.
 */
public final class ChicagoCrimeReader {

  public static final String SOURCE = "chicago-crimes";
  public static final ZoneId ZONE = ZoneId.of("America/Chicago");
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);

  private ChicagoCrimeReader() {}

  /** True when a CSV header line is Chicago's. */
  public static boolean accepts(String header) {
    return header.startsWith("ID,Case Number,Date,");
  }

  /** Lazily parses a file; close the stream to close the file. */
  public static Stream<ParsedRow<Incident>> read(Path file) throws IOException {
    Reader reader = DataFiles.open(file);
    CSVParser parser =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
    return StreamSupport.stream(parser.spliterator(), false)
        .filter(r -> !"ID".equals(r.get(0)))
        .map(ChicagoCrimeReader::parse)
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
    String id = r.get("ID").trim();
    if (id.isEmpty()) {
      return ParsedRow.rejected(line, "ID is empty", raw);
    }
    Instant occurredAt;
    try {
      occurredAt = localTime(r.get("Date"));
    } catch (DateTimeParseException e) {
      return ParsedRow.rejected(line, "Date '" + r.get("Date") + "' is not MM/dd/yyyy hh:mm:ss a", raw);
    }
    Instant reportedAt = null;
    String updated = r.get("Updated On");
    if (!updated.isBlank()) {
      try {
        reportedAt = localTime(updated);
      } catch (DateTimeParseException e) {
        return ParsedRow.rejected(line, "Updated On '" + updated + "' is not MM/dd/yyyy hh:mm:ss a", raw);
      }
    }
    String lat = r.get("Latitude").trim();
    String lon = r.get("Longitude").trim();
    if (lat.isEmpty() || lon.isEmpty()) {
      return ParsedRow.rejected(line, "Latitude/Longitude is empty (incident " + id + " has no location)", raw);
    }
    double latitude;
    double longitude;
    try {
      latitude = Double.parseDouble(lat);
      longitude = Double.parseDouble(lon);
    } catch (NumberFormatException e) {
      return ParsedRow.rejected(line, "Latitude '" + lat + "' or Longitude '" + lon + "' is not a number", raw);
    }
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      return ParsedRow.rejected(line, "Latitude " + lat + " / Longitude " + lon + " is outside WGS84 range", raw);
    }
    String primaryType = r.get("Primary Type").trim();
    return ParsedRow.ok(
        line,
        new Incident(
            id,
            SOURCE,
            occurredAt,
            reportedAt,
            latitude,
            longitude,
            CrimeCategory.fromChicagoPrimaryType(primaryType).name(),
            primaryType,
            r.get("Description").trim(),
            stripZeros(r.get("District")),
            r.get("Beat").trim(),
            r.get("Location Description").trim()),
        raw);
  }

  static Instant localTime(String text) {
    return LocalDateTime.parse(text.trim(), DATE).atZone(ZONE).toInstant();
  }

  /** "016" becomes "16", as the district boundaries number them; empty stays empty. */
  static String stripZeros(String district) {
    String d = district.trim();
    int i = 0;
    while (i < d.length() - 1 && d.charAt(i) == '0') {
      i++;
    }
    return d.substring(i);
  }
}
