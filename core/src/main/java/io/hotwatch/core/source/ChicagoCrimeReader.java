package io.hotwatch.core.source;

import de.siegmar.fastcsv.reader.CsvReader;
import io.hotwatch.core.event.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Stream;

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
    CsvReader<ParsedRow<Incident>> csv = csvReader(file, new ChicagoCsvRows(true));
    return csv.stream()
        .onClose(
            () -> {
              try {
                csv.close();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  /**
   * Parses a whole file into {@code sink}: the same rows as {@link #read}, without a {@link ParsedRow} or the raw text
   * of each valid row (the fast way through a large file).
   */
  public static void read(Path file, IncidentRowSink sink) throws IOException {
    ChicagoCsvRows rows = new ChicagoCsvRows(false);
    try (CsvReader<ParsedRow<Incident>> csv = csvReader(file, rows)) {
      for (ParsedRow<Incident> row : csv) {
        if (row.isOk()) {
          sink.incident(row.line(), row.value());
        } else {
          sink.rejected(row.line(), row.rejection(), row.raw());
        }
      }
    }
  }

  private static CsvReader<ParsedRow<Incident>> csvReader(Path file, ChicagoCsvRows rows) throws IOException {
    // rows of another width are rejected by the rows' own rule, not by the parser
    return CsvReader.builder()
        .allowExtraFields(true)
        .allowMissingFields(true)
        .allowExtraCharsAfterClosingQuote(true)
        .build(rows, DataFiles.open(file));
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
