package io.hotwatch.deploy.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.ChicagoFieldRows;
import io.hotwatch.core.source.ParsedRow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a row of Chicago's "Crimes - 2001 to Present" JSON endpoint (SODA field names, floating timestamps in Chicago
 * time) into an incident with the CSV reader's rules ({@link ChicagoFieldRows}), after checking the system fields the
 * ingest orders and resumes by.
 */
final class ChicagoSodaRows {

  /** SODA field name to the CSV column the row rules read it by. */
  static final Map<String, String> COLUMNS = Map.of(
      "id", "ID",
      "date", "Date",
      "primary_type", "Primary Type",
      "description", "Description",
      "location_description", "Location Description",
      "beat", "Beat",
      "district", "District",
      "updated_on", "Updated On",
      "latitude", "Latitude",
      "longitude", "Longitude");

  private final ChicagoFieldRows rules = new ChicagoFieldRows(ChicagoFieldRows.DateForm.ISO_LOCAL);
  private final Map<String, String> fields = new HashMap<>();

  /**
   * One row parsed.
   *
   * @param mark the row's place in (:updated_at, :id) order; null when its system fields are missing or malformed
   * @param row the incident, or the reason it was rejected, with the row's JSON as its raw text
   */
  record Parsed(HighWaterMark mark, ParsedRow<Incident> row) {}

  Parsed parse(long line, SodaRow soda) {
    JsonNode node = soda.node();
    if (!node.isObject()) {
      return rejected(null, line, "row is not a JSON object", soda);
    }
    String rowId = text(node.get(":id"));
    if (rowId == null || rowId.isBlank()) {
      return rejected(null, line, ":id is missing", soda);
    }
    String updated = text(node.get(":updated_at"));
    if (updated == null || updated.isBlank()) {
      return rejected(null, line, ":updated_at is missing (row " + rowId + ")", soda);
    }
    HighWaterMark mark;
    try {
      mark = new HighWaterMark(Instant.parse(updated), rowId);
    } catch (DateTimeParseException e) {
      return rejected(null, line, ":updated_at '" + updated + "' is not an ISO-8601 instant (row " + rowId + ")", soda);
    }
    fields.clear();
    for (Map.Entry<String, String> column : COLUMNS.entrySet()) {
      JsonNode value = node.get(column.getKey());
      if (value != null && value.isContainerNode()) {
        return rejected(mark, line, column.getKey() + " " + value + " is not a single value", soda);
      }
      String text = text(value);
      if (text != null) {
        fields.put(column.getValue(), text);
      }
    }
    return new Parsed(mark, rules.parse(line, fields, soda.raw()));
  }

  private static Parsed rejected(HighWaterMark mark, long line, String reason, SodaRow soda) {
    return new Parsed(mark, ParsedRow.rejected(line, reason, soda.raw()));
  }

  /** A scalar's text (SODA sends numbers as strings, some servers as numbers); null for absent and null values. */
  private static String text(JsonNode value) {
    return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
  }
}
