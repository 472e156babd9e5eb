package io.hotwatch.deploy.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.DataFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Makes the SODA test fixture (deploy/src/test/resources/socrata/chicago-2017-07.json) from the real 2017 Chicago
 * export: every 80th row dated July 2017, in file order, 300 rows, written as Chicago's JSON endpoint writes a row
 * (its field names, floating timestamps, numbers as strings, booleans, a location object; empty columns left out)
 * with the system fields the ingest needs. {@code :updated_at} is the row's "Updated On" as an instant (the export has
 * no other); {@code :id} is made from a hash of the row's ID, since the export does not carry Socrata's row ids.
 */
final class SodaFixtureMaker {

  static final int EVERY = 80;
  static final int ROWS = 300;

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final DateTimeFormatter EXPORT = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
  private static final DateTimeFormatter FLOATING = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
  private static final DateTimeFormatter FIXED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String ROW_ID_LETTERS = "23456789abcdefghijkmnpqrstuvwxyz";

  private SodaFixtureMaker() {}

  /** The fixture's text, from the 2017 export. */
  static String make(Path chicago2017) throws IOException {
    ObjectMapper mapper = EventCodec.newObjectMapper();
    List<String> rows = new ArrayList<>();
    try (Reader reader = DataFiles.open(chicago2017);
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
      long july = 0;
      for (CSVRecord r : csv) {
        String date = r.get("Date");
        if ("ID".equals(r.get(0)) || !date.startsWith("07/") || !date.startsWith("2017", 6)) {
          continue;
        }
        if (july++ % EVERY == 0 && rows.size() < ROWS) {
          rows.add(mapper.writeValueAsString(sodaRow(mapper, r)));
        }
      }
    }
    return "[\n" + String.join(",\n", rows) + "\n]\n";
  }

  static void write(String fixture, Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, fixture, StandardCharsets.UTF_8);
  }

  private static ObjectNode sodaRow(ObjectMapper mapper, CSVRecord r) {
    ObjectNode row = mapper.createObjectNode();
    String updated = FIXED.format(LocalDateTime.parse(r.get("Updated On"), EXPORT).atZone(CHICAGO).toInstant());
    row.put(":id", rowId(r.get("ID")));
    row.put(":created_at", updated);
    row.put(":updated_at", updated);
    text(row, "id", r.get("ID"));
    text(row, "case_number", r.get("Case Number"));
    text(row, "date", floating(r.get("Date")));
    text(row, "block", r.get("Block"));
    text(row, "iucr", r.get("IUCR"));
    text(row, "primary_type", r.get("Primary Type"));
    text(row, "description", r.get("Description"));
    text(row, "location_description", r.get("Location Description"));
    row.put("arrest", Boolean.parseBoolean(r.get("Arrest")));
    row.put("domestic", Boolean.parseBoolean(r.get("Domestic")));
    text(row, "beat", r.get("Beat"));
    text(row, "district", r.get("District"));
    text(row, "ward", r.get("Ward"));
    text(row, "community_area", r.get("Community Area"));
    text(row, "fbi_code", r.get("FBI Code"));
    text(row, "x_coordinate", r.get("X Coordinate"));
    text(row, "y_coordinate", r.get("Y Coordinate"));
    text(row, "year", r.get("Date").substring(6, 10));
    text(row, "updated_on", floating(r.get("Updated On")));
    text(row, "latitude", r.get("Latitude"));
    text(row, "longitude", r.get("Longitude"));
    if (!r.get("Latitude").isBlank() && !r.get("Longitude").isBlank()) {
      ObjectNode location = row.putObject("location");
      location.put("latitude", r.get("Latitude"));
      location.put("longitude", r.get("Longitude"));
      location.put("human_address", "{\"address\": \"\", \"city\": \"\", \"state\": \"\", \"zip\": \"\"}");
    }
    return row;
  }

  private static void text(ObjectNode row, String field, String value) {
    if (value != null && !value.isBlank()) {
      row.put(field, value);
    }
  }

  private static String floating(String exportTime) {
    return FLOATING.format(LocalDateTime.parse(exportTime, EXPORT));
  }

  /** A row id in Socrata's shape ({@code row-abcd.efgh_ijkm}), fixed by the row's ID. */
  static String rowId(String id) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    StringBuilder rowId = new StringBuilder("row-");
    for (int i = 0; i < 12; i++) {
      if (i == 4) {
        rowId.append('.');
      } else if (i == 8) {
        rowId.append('_');
      }
      rowId.append(ROW_ID_LETTERS.charAt(hash[i] & 31));
    }
    return rowId.toString();
  }
}
