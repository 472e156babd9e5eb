package io.hotwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.Incident;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChicagoCrimeReaderTest {

  private static final String HEADER =
      "ID,Case Number,Date,Block,IUCR,Primary Type,Description,Location Description,Arrest,Domestic,Beat,District,"
          + "Ward,Community Area,FBI Code,X Coordinate,Y Coordinate,Updated On,Latitude,Longitude";

  @Test
  void parsesRowsRejectsBadOnesAndSkipsRepeatedHeaders(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("sample.csv");
    Files.writeString(
        file,
        String.join(
            "\n",
            HEADER,
            "11034567,JA100001,07/04/2017 09:30:00 PM,001XX N STATE ST,0820,THEFT,$500 AND UNDER,\"SCHOOL, PUBLIC, BUILDING\","
                + "false,false,0112,001,42,32,06,1176000,1901000,07/11/2017 03:50:00 PM,41.8781,-87.6298",
            HEADER,
            "11034568,JA100002,07/04/2017 10:00:00 PM,001XX N STATE ST,0486,BATTERY,DOMESTIC BATTERY SIMPLE,STREET,"
                + "false,true,0112,001,42,32,08B,,,07/11/2017 03:50:00 PM,,",
            "11034569,JA100003,2017-07-04,001XX N STATE ST,0486,BATTERY,DOMESTIC BATTERY SIMPLE,STREET,"
                + "false,true,0112,001,42,32,08B,,,07/11/2017 03:50:00 PM,41.8,-87.6"));
    List<ParsedRow<Incident>> rows;
    try (Stream<ParsedRow<Incident>> s = IncidentFiles.read(file)) {
      rows = s.toList();
    }
    assertThat(rows).hasSize(3);
    Incident theft = rows.get(0).value();
    assertThat(theft.id()).isEqualTo("11034567");
    // 9:30 PM Chicago daylight time (UTC-5)
    assertThat(theft.occurredAt()).isEqualTo(Instant.parse("2017-07-05T02:30:00Z"));
    assertThat(theft.category()).isEqualTo("THEFT");
    assertThat(theft.district()).isEqualTo("1");
    assertThat(theft.beat()).isEqualTo("0112");
    assertThat(theft.locationType()).isEqualTo("SCHOOL, PUBLIC, BUILDING");
    assertThat(rows.get(1).rejection()).contains("Latitude/Longitude is empty").contains("11034568");
    assertThat(rows.get(2).rejection()).contains("Date '2017-07-04'");
  }

  @Test
  void readsTheRealBundledMonth() throws Exception {
    Path file = Path.of(System.getProperty("hotwatch.home", "..")).resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
    assumeTrue(Files.exists(file), "bundled demo data not found at " + file);
    long ok;
    long rejected;
    try (Stream<ParsedRow<Incident>> s = IncidentFiles.read(file)) {
      List<ParsedRow<Incident>> rows = s.toList();
      ok = rows.stream().filter(ParsedRow::isOk).count();
      rejected = rows.size() - ok;
      assertThat(rows).hasSize(24_783);
      assertThat(rows.stream().filter(ParsedRow::isOk).map(r -> r.value().category()).distinct().count()).isGreaterThan(10);
    }
    // a few hundred rows a month have no coordinates (1.3% over 2015-2017)
    assertThat(rejected).isBetween(1L, 1_000L);
    assertThat(ok).isGreaterThan(23_000L);
  }
}
