package io.hotwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.Incident;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** Field maps go through the CSV reader's rules: the same incidents and rejections, in either date form. */
class ChicagoFieldRowsTest {

  @Test
  void theBundledMonthAsFieldMapsGivesTheCsvReadersRows() throws Exception {
    Path file = Path.of(System.getProperty("hotwatch.home", ".."))
        .resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
    assumeTrue(Files.exists(file), "bundled demo data not found at " + file);
    List<ParsedRow<Incident>> expected;
    try (Stream<ParsedRow<Incident>> rows = ChicagoCrimeReader.read(file)) {
      expected = rows.toList();
    }
    ChicagoFieldRows fieldRows = new ChicagoFieldRows(ChicagoFieldRows.DateForm.EXPORT);
    int i = 0;
    try (Reader reader = DataFiles.open(file);
        CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
      for (CSVRecord record : parser) {
        if ("ID".equals(record.get(0))) {
          continue; // a repeated header
        }
        ParsedRow<Incident> want = expected.get(i++);
        ParsedRow<Incident> got = fieldRows.parse(want.line(), record.toMap(), want.raw());
        assertThat(got.value()).as("row %d", want.line()).isEqualTo(want.value());
        assertThat(got.rejection()).as("row %d", want.line()).isEqualTo(want.rejection());
      }
    }
    assertThat(i).isEqualTo(expected.size());
    assertThat(expected.stream().filter(r -> !r.isOk()).count()).isPositive();
  }

  @Test
  void isoLocalTimesAreChicagoTimeAndBadOnesAreNamed() {
    ChicagoFieldRows rows = new ChicagoFieldRows(ChicagoFieldRows.DateForm.ISO_LOCAL);
    Map<String, String> fields = new HashMap<>(Map.of(
        "ID", "11034567", "Date", "2017-07-04T21:30:00.000", "Primary Type", "THEFT", "District", "016",
        "Updated On", "2018-02-10T15:50:01.000", "Latitude", "41.8781", "Longitude", "-87.6298"));

    ParsedRow<Incident> ok = rows.parse(1, fields, "{}");
    assertThat(ok.isOk()).as(ok.rejection()).isTrue();
    assertThat(ok.value().occurredAt()).isEqualTo(Instant.parse("2017-07-05T02:30:00Z")); // CDT is UTC-5
    assertThat(ok.value().reportedAt()).isEqualTo(Instant.parse("2018-02-10T21:50:01Z")); // CST is UTC-6
    assertThat(ok.value().district()).isEqualTo("16");
    assertThat(ok.value().category()).isEqualTo("THEFT");
    assertThat(ok.value().description()).isEmpty(); // absent from the map

    fields.put("Date", "07/04/2017 09:30:00 PM");
    ParsedRow<Incident> bad = rows.parse(2, fields, "{\"raw\":1}");
    assertThat(bad.rejection()).isEqualTo("Date '07/04/2017 09:30:00 PM' is not yyyy-MM-ddTHH:mm:ss[.SSS]");
    assertThat(bad.raw()).isEqualTo("{\"raw\":1}");

    fields.put("Date", "2017-07-04T21:30:00");
    fields.remove("Latitude");
    assertThat(rows.parse(3, fields, "{}").rejection())
        .isEqualTo("Latitude/Longitude is empty (incident 11034567 has no location)");
  }
}
