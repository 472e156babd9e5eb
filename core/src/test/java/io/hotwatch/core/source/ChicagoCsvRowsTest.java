package io.hotwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.Incident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FastCSV parser of the Chicago crimes files gives the very rows the commons-csv reader gave (incidents, rejected
 * rows, reasons, record numbers), on the real bundled month and on the edge cases its fast paths hand back.
 */
class ChicagoCsvRowsTest {

  private static final String HEADER =
      "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,"
          + "Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude";

  @Test
  void theRealBundledMonthParsesAsWithCommonsCsv() throws Exception {
    Path file = Path.of(System.getProperty("hotwatch.home", ".."))
        .resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
    assumeTrue(Files.exists(file), "bundled demo data not found at " + file);
    List<ParsedRow<Incident>> before = reference(file);
    assertThat(before).hasSize(24_783);
    assertSameRows(file, before);
  }

  /** The three yearly files, when asked for ({@code -Dhotwatch.compareYears=DIR}): old and new agree on every row. */
  @Test
  void theYearlyFilesParseAsWithCommonsCsv() throws Exception {
    String dir = System.getProperty("hotwatch.compareYears");
    assumeTrue(dir != null, "set -Dhotwatch.compareYears to the Chicago 2015-2017 folder to compare them");
    for (int year = 2015; year <= 2017; year++) {
      Path file = Path.of(dir).resolve("chicago_crimes_" + year + ".csv.gz");
      assertSameRows(file, reference(file));
    }
  }

  @Test
  void edgeCasesLeftToJavaTimeAndParseDoubleGiveTheOldResults(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("edges.csv");
    Files.writeString(
        file,
        String.join(
            "\n",
            HEADER,
            row("1", "07/04/2017 09:30:00 PM", "THEFT", "\"SCHOOL, PUBLIC, BUILDING\"", "016", "41.8781", "-87.6298"),
            "",
            row("2", "03/12/2017 02:30:00 AM", "theft ", "STREET", "001", "41.8", "-87.6"), // in the spring-forward gap
            row("3", "11/05/2017 01:30:00 AM", "BATTERY", "\"SAID \"\"HI\"\"\"", "0", "41.8", "-87.6"), // overlap
            row("4", "02/30/2017 10:00:00 AM", "BATTERY", "STREET", "", "41.8", "-87.6"), // java.time clamps the day
            row("5", "07/04/2017 00:30:00 AM", "ASSAULT", "STREET", " 007 ", "41.8", "-87.6"), // clock hour 0
            row("6", "07/04/2017 09:30:00 pm", "ASSAULT", "STREET", "7", "41.8", "-87.6"),
            row("7", " 07/04/2017 09:30:00 PM ", "ASSAULT", "STREET", "7", " 41.80 ", " -87.60 "),
            row("8", "7/4/2017 9:30:00 PM", "ASSAULT", "STREET", "7", "41.8", "-87.6"),
            row("9", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "4.18e1", "+87.6e0"),
            row("10", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "NaN", "-87.6"),
            row("11", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "91.0", "-87.6"),
            row("12", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "41.8x", "-87.6"),
            row("13", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "", "-87.6"),
            row(" ", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "41.8", "-87.6"),
            row("15", "13/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "41.8", "-87.6"),
            row("16", "07/04/0000 09:30:00 PM", "ASSAULT", "STREET", "7", "41.8", "-87.6"),
            row("17", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "41.123456789012345678", "-87.6"),
            HEADER,
            "18,short,row",
            row("19", "12/31/2016 11:59:59 PM", "NARCOTICS", "STREET", "7", "-0.0", "-87.60000000000001")
                + ",extra",
            row("20", "01/01/2017 12:00:00 AM", "HOMICIDE", "STREET", "007", "41.8", "-87.6")
                .replace(",02/13/2018 03:58:53 PM,", ",   ,"),
            row("21", "01/01/2017 12:00:00 PM", "HOMICIDE", "STREET", "007", "41.8", "-87.6")
                .replace(",02/13/2018 03:58:53 PM,", ",2018-02-13,"),
            row("22", "07/04/2017 09:30:00 PM", "ASSAULT", "STREET", "7", "41.", ".5")));
    List<ParsedRow<Incident>> before = reference(file);
    assertThat(before).hasSize(22); // neither the repeated header nor the empty line is a row
    assertThat(before.stream().filter(ParsedRow::isOk).count()).isBetween(8L, 16L);
    assertSameRows(file, before);
  }

  private static String row(String id, String date, String type, String location, String district, String lat,
      String lon) {
    return String.join(",", id, "JB149562", date, "019XX W ROSCOE ST", "1153", type, "OVER $ 300", location, "false",
        "false", "1922", district, "32", "5", "11", "", "", "02/13/2018 03:58:53 PM", lat, lon);
  }

  private static List<ParsedRow<Incident>> reference(Path file) throws IOException {
    try (Stream<ParsedRow<Incident>> rows = CommonsCsvChicagoReader.read(file)) {
      return rows.toList();
    }
  }

  /** Both ways of the new reader (a stream of rows, and the sink without raw text for valid rows) match. */
  private static void assertSameRows(Path file, List<ParsedRow<Incident>> before) throws IOException {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(file)) {
      assertSameList(rows.toList(), before);
    }
    List<ParsedRow<Incident>> sunk = new ArrayList<>();
    IncidentFiles.read(file, new IncidentRowSink() {
      @Override
      public void incident(long line, Incident incident) {
        sunk.add(ParsedRow.ok(line, incident, null));
      }

      @Override
      public void rejected(long line, String reason, String raw) {
        sunk.add(ParsedRow.rejected(line, reason, raw));
      }
    });
    assertSameList(sunk, before.stream().map(r -> r.isOk() ? ParsedRow.ok(r.line(), r.value(), null) : r).toList());
  }

  /** Row by row (assertj's containsExactly compares every pair, too slow for a year of rows). */
  private static void assertSameList(List<ParsedRow<Incident>> actual, List<ParsedRow<Incident>> expected) {
    for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
      assertThat(actual.get(i)).as("row %d", i).isEqualTo(expected.get(i));
    }
    assertThat(actual).hasSameSizeAs(expected);
  }
}
