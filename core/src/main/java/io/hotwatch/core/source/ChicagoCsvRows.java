package io.hotwatch.core.source;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Chicago crimes CSV, as FastCSV hands over its fields, into {@link ParsedRow}s with the rules of {@link
 * ChicagoCrimeReader}. The row is kept as characters: the id is the one new String of a valid row, the columns with
 * few values come from {@link TextPool}s, dates and coordinates are read from the characters when they have their
 * plain form, and by the reader's java.time and parseDouble rules otherwise.
 */
final class ChicagoCsvRows extends AbstractBaseCsvCallbackHandler<ParsedRow<Incident>> {

  private static final List<String> COLUMNS = List.of(
      "ID", "Date", "Primary Type", "Description", "Location Description", "Beat", "District", "Updated On",
      "Latitude", "Longitude");
  private static final int ID = 0;
  private static final int DATE = 1;
  private static final int PRIMARY_TYPE = 2;
  private static final int DESCRIPTION = 3;
  private static final int LOCATION = 4;
  private static final int BEAT = 5;
  private static final int DISTRICT = 6;
  private static final int UPDATED = 7;
  private static final int LATITUDE = 8;
  private static final int LONGITUDE = 9;

  private final boolean rawOfValidRows;
  private final PlainLocalTimes times = new PlainLocalTimes(ChicagoCrimeReader.ZONE);
  private final TextPool primaryTypes = new TextPool();
  private final TextPool categories = new TextPool(t -> CrimeCategory.fromChicagoPrimaryType(t).name());
  private final TextPool descriptions = new TextPool();
  private final TextPool locations = new TextPool();
  private final TextPool beats = new TextPool();
  private final TextPool districts = new TextPool(ChicagoCrimeReader::stripZeros);

  // the current record's fields, copied out of the parser's buffer: chars[starts[i], ends[i])
  private char[] chars = new char[4096];
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private int fields;
  private int used;

  private int[] column; // index in the row of each of COLUMNS, once the header was read
  private int headerSize;
  private long record;

  /** {@code rawOfValidRows}: also join the text of valid rows (only rejected rows need it for dead letters). */
  ChicagoCsvRows(boolean rawOfValidRows) {
    this.rawOfValidRows = rawOfValidRows;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    fields = 0;
    used = 0;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
    }
    if (used + len > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
    }
    System.arraycopy(buf, offset, chars, used, len);
    starts[fields] = used;
    used += len;
    ends[fields++] = used;
  }

  /** The row parsed, or null for the header and its repetitions (and empty lines, which are no records). */
  @Override
  protected ParsedRow<Incident> buildRecord() {
    if (getRecordType() != RecordType.DATA) {
      return null;
    }
    if (column == null) {
      readHeader();
      return null;
    }
    long line = ++record;
    if (isHeaderAgain()) {
      return null; // a header repeated inside the file (concatenated daily exports)
    }
    if (fields != headerSize) {
      return ParsedRow.rejected(line, "row has " + fields + " columns, header has " + headerSize, raw());
    }
    return parse(line);
  }

  private void readHeader() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = fields - 1; i >= 0; i--) {
      index.put(text(i), i); // the first of equal names wins, as commons-csv's header map has it
    }
    int[] at = new int[COLUMNS.size()];
    for (int c = 0; c < at.length; c++) {
      Integer i = index.get(COLUMNS.get(c));
      if (i == null) {
        throw new UncheckedIOException(new IOException("the Chicago crimes header has no column " + COLUMNS.get(c)));
      }
      at[c] = i;
    }
    column = at;
    headerSize = fields;
  }

  private boolean isHeaderAgain() {
    return ends[0] - starts[0] == 2 && chars[starts[0]] == 'I' && chars[starts[0] + 1] == 'D';
  }

  private ParsedRow<Incident> parse(long line) {
    int idFrom = trimmedStart(ID);
    int idTo = trimmedEnd(ID);
    if (idFrom == idTo) {
      return ParsedRow.rejected(line, "ID is empty", raw());
    }
    String id = new String(chars, idFrom, idTo - idFrom);
    long occurred = times.epochSecond(chars, trimmedStart(DATE), trimmedEnd(DATE));
    Instant occurredAt;
    if (occurred != PlainLocalTimes.NOT_PLAIN) {
      occurredAt = Instant.ofEpochSecond(occurred);
    } else {
      try {
        occurredAt = ChicagoCrimeReader.localTime(field(DATE));
      } catch (DateTimeParseException e) {
        return ParsedRow.rejected(line, "Date '" + field(DATE) + "' is not MM/dd/yyyy hh:mm:ss a", raw());
      }
    }
    Instant reportedAt = null;
    if (!isBlank(UPDATED)) {
      long updated = times.epochSecond(chars, trimmedStart(UPDATED), trimmedEnd(UPDATED));
      if (updated != PlainLocalTimes.NOT_PLAIN) {
        reportedAt = Instant.ofEpochSecond(updated);
      } else {
        try {
          reportedAt = ChicagoCrimeReader.localTime(field(UPDATED));
        } catch (DateTimeParseException e) {
          return ParsedRow.rejected(
              line, "Updated On '" + field(UPDATED) + "' is not MM/dd/yyyy hh:mm:ss a", raw());
        }
      }
    }
    if (trimmedStart(LATITUDE) == trimmedEnd(LATITUDE) || trimmedStart(LONGITUDE) == trimmedEnd(LONGITUDE)) {
      return ParsedRow.rejected(line, "Latitude/Longitude is empty (incident " + id + " has no location)", raw());
    }
    double latitude = PlainDecimals.parse(chars, trimmedStart(LATITUDE), trimmedEnd(LATITUDE));
    double longitude = PlainDecimals.parse(chars, trimmedStart(LONGITUDE), trimmedEnd(LONGITUDE));
    if (Double.isNaN(latitude) || Double.isNaN(longitude)) {
      String lat = field(LATITUDE).trim();
      String lon = field(LONGITUDE).trim();
      try {
        latitude = Double.parseDouble(lat);
        longitude = Double.parseDouble(lon);
      } catch (NumberFormatException e) {
        return ParsedRow.rejected(line, "Latitude '" + lat + "' or Longitude '" + lon + "' is not a number", raw());
      }
    }
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      return ParsedRow.rejected(line, "Latitude " + field(LATITUDE).trim() + " / Longitude "
          + field(LONGITUDE).trim() + " is outside WGS84 range", raw());
    }
    Incident incident = new Incident(
        id,
        ChicagoCrimeReader.SOURCE,
        occurredAt,
        reportedAt,
        latitude,
        longitude,
        pooled(categories, PRIMARY_TYPE),
        pooled(primaryTypes, PRIMARY_TYPE),
        pooled(descriptions, DESCRIPTION),
        pooled(districts, DISTRICT),
        pooled(beats, BEAT),
        pooled(locations, LOCATION));
    return ParsedRow.ok(line, incident, rawOfValidRows ? raw() : null);
  }

  private String pooled(TextPool pool, int c) {
    return pool.get(chars, trimmedStart(c), trimmedEnd(c));
  }

  /** Start of column {@code c} without the characters {@link String#trim()} drops. */
  private int trimmedStart(int c) {
    int i = column[c];
    int from = starts[i];
    int to = ends[i];
    while (from < to && chars[from] <= ' ') {
      from++;
    }
    return from;
  }

  /** End of column {@code c} without the characters {@link String#trim()} drops; at least its trimmed start. */
  private int trimmedEnd(int c) {
    int from = trimmedStart(c);
    int to = ends[column[c]];
    while (to > from && chars[to - 1] <= ' ') {
      to--;
    }
    return to;
  }

  /** As {@link String#isBlank()}. */
  private boolean isBlank(int c) {
    int i = column[c];
    for (int at = starts[i]; at < ends[i]; at++) {
      if (!Character.isWhitespace(chars[at])) {
        return false;
      }
    }
    return true;
  }

  private String field(int c) {
    return text(column[c]);
  }

  private String text(int i) {
    return new String(chars, starts[i], ends[i] - starts[i]);
  }

  /** The row's fields joined by commas, as {@link ParsedRow#raw()} has it. */
  private String raw() {
    StringBuilder raw = new StringBuilder(used + fields);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        raw.append(',');
      }
      raw.append(chars, starts[i], ends[i] - starts[i]);
    }
    return raw.toString();
  }
}
