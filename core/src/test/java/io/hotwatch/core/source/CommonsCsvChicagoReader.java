package io.hotwatch.core.source;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The Chicago crimes reader as it was before the FastCSV parser (commons-csv, a String per field, java.time per
 * date): the reference the new parser must agree with, row for row.
 */
final class CommonsCsvChicagoReader {

  private CommonsCsvChicagoReader() {}

  /** Lazily parses a file; close the stream to close the file. */
  static Stream<ParsedRow<Incident>> read(Path file) throws IOException {
    Reader reader = DataFiles.open(file);
    CSVParser parser =
        CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader);
    return StreamSupport.stream(parser.spliterator(), false)
        .filter(r -> !"ID".equals(r.get(0)))
        .map(CommonsCsvChicagoReader::parse)
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
      return ParsedRow.rejected(
          line, "row has " + r.size() + " columns, header has " + r.getParser().getHeaderNames().size(), raw);
    }
    String id = r.get("ID").trim();
    if (id.isEmpty()) {
      return ParsedRow.rejected(line, "ID is empty", raw);
    }
    Instant occurredAt;
    try {
      occurredAt = ChicagoCrimeReader.localTime(r.get("Date"));
    } catch (DateTimeParseException e) {
      return ParsedRow.rejected(line, "Date '" + r.get("Date") + "' is not MM/dd/yyyy hh:mm:ss a", raw);
    }
    Instant reportedAt = null;
    String updated = r.get("Updated On");
    if (!updated.isBlank()) {
      try {
        reportedAt = ChicagoCrimeReader.localTime(updated);
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
            ChicagoCrimeReader.SOURCE,
            occurredAt,
            reportedAt,
            latitude,
            longitude,
            CrimeCategory.fromChicagoPrimaryType(primaryType).name(),
            primaryType,
            r.get("Description").trim(),
            ChicagoCrimeReader.stripZeros(r.get("District")),
            r.get("Beat").trim(),
            r.get("Location Description").trim()),
        raw);
  }

}
