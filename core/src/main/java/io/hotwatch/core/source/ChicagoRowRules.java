package io.hotwatch.core.source;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The rules that turn one Chicago crimes row into an incident or a rejection, whatever form the row came in (a CSV
 * record, a data-portal JSON object): required id, a parseable date, an optional update time, coordinates present,
 * numeric and in range; the columns with few values pooled. One implementation, so every reader rejects alike.
 */
final class ChicagoRowRules {

  /** The columns the rules read, by the CSV header's names; {@link Row} is indexed in this order. */
  static final List<String> COLUMNS = List.of(
      "ID", "Date", "Primary Type", "Description", "Location Description", "Beat", "District", "Updated On",
      "Latitude", "Longitude");
  static final int ID = 0;
  static final int DATE = 1;
  static final int PRIMARY_TYPE = 2;
  static final int DESCRIPTION = 3;
  static final int LOCATION = 4;
  static final int BEAT = 5;
  static final int DISTRICT = 6;
  static final int UPDATED = 7;
  static final int LATITUDE = 8;
  static final int LONGITUDE = 9;

  /** One row's columns as characters, by {@link #COLUMNS} index. */
  interface Row {

    char[] chars();

    /** Start of column {@code c} without the characters {@link String#trim()} drops. */
    int trimmedStart(int c);

    /** End of column {@code c} without the characters {@link String#trim()} drops; at least its trimmed start. */
    int trimmedEnd(int c);

    /** As {@link String#isBlank()} of the column. */
    boolean isBlank(int c);

    /** The column's text as it stands. */
    String field(int c);

    /** The whole row as text, for reports and dead letters. */
    String raw();
  }

  /** How a row writes its local times (Chicago's zone): the parse, and the form named when one does not parse. */
  interface LocalTimes {

    Instant parse(char[] chars, int from, int to) throws DateTimeParseException;

    String form();
  }

  private final LocalTimes times;
  private final TextPool primaryTypes = new TextPool();
  private final TextPool categories = new TextPool(t -> CrimeCategory.fromChicagoPrimaryType(t).name());
  private final TextPool descriptions = new TextPool();
  private final TextPool locations = new TextPool();
  private final TextPool beats = new TextPool();
  private final TextPool districts = new TextPool(ChicagoCrimeReader::stripZeros);

  ChicagoRowRules(LocalTimes times) {
    this.times = times;
  }

  /** The row parsed; {@code rawOfValid}: keep the raw text of a valid row too (rejected rows always keep it). */
  ParsedRow<Incident> parse(long line, Row row, boolean rawOfValid) {
    char[] chars = row.chars();
    int idFrom = row.trimmedStart(ID);
    int idTo = row.trimmedEnd(ID);
    if (idFrom == idTo) {
      return ParsedRow.rejected(line, "ID is empty", row.raw());
    }
    String id = new String(chars, idFrom, idTo - idFrom);
    Instant occurredAt;
    try {
      occurredAt = times.parse(chars, row.trimmedStart(DATE), row.trimmedEnd(DATE));
    } catch (DateTimeParseException e) {
      return ParsedRow.rejected(line, "Date '" + row.field(DATE) + "' is not " + times.form(), row.raw());
    }
    Instant reportedAt = null;
    if (!row.isBlank(UPDATED)) {
      try {
        reportedAt = times.parse(chars, row.trimmedStart(UPDATED), row.trimmedEnd(UPDATED));
      } catch (DateTimeParseException e) {
        return ParsedRow.rejected(
            line, "Updated On '" + row.field(UPDATED) + "' is not " + times.form(), row.raw());
      }
    }
    if (row.trimmedStart(LATITUDE) == row.trimmedEnd(LATITUDE)
        || row.trimmedStart(LONGITUDE) == row.trimmedEnd(LONGITUDE)) {
      return ParsedRow.rejected(line, "Latitude/Longitude is empty (incident " + id + " has no location)", row.raw());
    }
    double latitude = PlainDecimals.parse(chars, row.trimmedStart(LATITUDE), row.trimmedEnd(LATITUDE));
    double longitude = PlainDecimals.parse(chars, row.trimmedStart(LONGITUDE), row.trimmedEnd(LONGITUDE));
    if (Double.isNaN(latitude) || Double.isNaN(longitude)) {
      String lat = row.field(LATITUDE).trim();
      String lon = row.field(LONGITUDE).trim();
      try {
        latitude = Double.parseDouble(lat);
        longitude = Double.parseDouble(lon);
      } catch (NumberFormatException e) {
        return ParsedRow.rejected(
            line, "Latitude '" + lat + "' or Longitude '" + lon + "' is not a number", row.raw());
      }
    }
    if (latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
      return ParsedRow.rejected(line, "Latitude " + row.field(LATITUDE).trim() + " / Longitude "
          + row.field(LONGITUDE).trim() + " is outside WGS84 range", row.raw());
    }
    Incident incident = new Incident(
        id,
        ChicagoCrimeReader.SOURCE,
        occurredAt,
        reportedAt,
        latitude,
        longitude,
        pooled(categories, row, PRIMARY_TYPE),
        pooled(primaryTypes, row, PRIMARY_TYPE),
        pooled(descriptions, row, DESCRIPTION),
        pooled(districts, row, DISTRICT),
        pooled(beats, row, BEAT),
        pooled(locations, row, LOCATION));
    return ParsedRow.ok(line, incident, rawOfValid ? row.raw() : null);
  }

  private static String pooled(TextPool pool, Row row, int c) {
    return pool.get(row.chars(), row.trimmedStart(c), row.trimmedEnd(c));
  }
}
