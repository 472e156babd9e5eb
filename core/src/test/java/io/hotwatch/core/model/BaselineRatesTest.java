package io.hotwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two weeks of hand-placed incidents in two cells, so that every expected count below can be worked out on paper with
 * rate(c, h) = (n(c, h) + mu(h)) / (W + 1), W = 2.
 */
class BaselineRatesTest {

  private static final CellIndex CELLS = new CellIndex(8);
  private static final double[] LOOP = {41.8781, -87.6298};
  private static final double[] HYDE_PARK = {41.7943, -87.5907};
  private static final String A = CELLS.cellOf(LOOP[0], LOOP[1]);
  private static final String B = CELLS.cellOf(HYDE_PARK[0], HYDE_PARK[1]);
  private static final String UNSEEN = CELLS.cellOf(41.98, -87.80);
  private static final Instant FROM = chicago("2017-01-02T00:00"); // a Monday
  private static final Instant TO = chicago("2017-01-16T00:00"); // two weeks later

  private static final List<Incident> INCIDENTS =
      List.of(
          // n(A, Monday 9h = 9) = 3
          at(LOOP, "2017-01-02T09:10"),
          at(LOOP, "2017-01-02T09:50"),
          at(LOOP, "2017-01-09T09:20"),
          // n(B, 9) = 1, n(B, Tuesday 10h = 34) = 2, n(B, Sunday 1h = 145) = 1
          at(HYDE_PARK, "2017-01-09T09:30"),
          at(HYDE_PARK, "2017-01-03T10:15"),
          at(HYDE_PARK, "2017-01-10T10:45"),
          at(HYDE_PARK, "2017-01-08T01:30"),
          // outside [FROM, TO): ignored
          at(LOOP, "2017-01-16T00:00"),
          at(LOOP, "2017-01-01T23:59"));

  private final BaselineRates baseline = BaselineRates.fit(INCIDENTS.stream(), 8, FROM, TO);

  @Test
  void ratesShrinkEachCellTowardsTheCityMean() {
    // mu(9) = (3/2 + 1/2) / 2 = 1, mu(34) = (0 + 2/2) / 2 = 0.5, mu(145) = (0 + 1/2) / 2 = 0.25
    assertThat(baseline.rate(A, 9)).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(baseline.rate(B, 9)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(baseline.rate(A, 34)).isCloseTo(0.5 / 3, within(1e-12));
    assertThat(baseline.rate(B, 34)).isCloseTo(2.5 / 3, within(1e-12));
    assertThat(baseline.rate(B, 145)).isCloseTo(1.25 / 3, within(1e-12));
    assertThat(baseline.rate(A, 0)).isZero();
    assertThat(baseline.rate(UNSEEN, 9)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(baseline.rate(UNSEEN, 34)).isCloseTo(0.5 / 3, within(1e-12));
    assertThat(baseline.cellCount()).isEqualTo(2);
    assertThat(baseline.resolution()).isEqualTo(8);
  }

  @Test
  void expectedIntegratesOverTheWindowProRata() {
    // a later Monday, before daylight saving time starts
    assertThat(baseline.expected(A, chicago("2017-03-06T09:30"), chicago("2017-03-06T10:30")))
        .isCloseTo(0.5 * 4 / 3, within(1e-12));
    assertThat(baseline.expected(B, chicago("2017-03-06T08:45"), chicago("2017-03-06T09:45")))
        .isCloseTo(0.75 * 2 / 3, within(1e-12));
    assertThat(baseline.expected(UNSEEN, chicago("2017-03-06T09:00"), chicago("2017-03-07T11:00")))
        .isCloseTo(1.0 / 3 + 0.5 / 3, within(1e-12));
    assertThat(baseline.expected(A, chicago("2017-03-06T00:00"), chicago("2017-03-13T00:00")))
        .isCloseTo(4.0 / 3 + 0.5 / 3 + 0.25 / 3, within(1e-12));
    assertThat(baseline.expected(A, chicago("2017-03-06T09:30"), chicago("2017-03-06T09:30"))).isZero();
  }

  @Test
  void theRepeatedHourWhenDaylightSavingTimeEndsCountsTwice() {
    // 2017-11-05 01:00-02:00 happens twice in Chicago (CDT, then CST): two real hours of Sunday 1h
    Instant firstOneAm = Instant.parse("2017-11-05T06:00:00Z");
    Instant twoAmStandardTime = Instant.parse("2017-11-05T08:00:00Z");
    assertThat(baseline.expected(B, firstOneAm, twoAmStandardTime)).isCloseTo(2 * 1.25 / 3, within(1e-12));
  }

  @Test
  void refusesCellsOfAnotherResolutionAndBackwardWindows() {
    String fine = new CellIndex(9).cellOf(LOOP[0], LOOP[1]);
    assertThatThrownBy(() -> baseline.expected(fine, FROM, TO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resolution 9")
        .hasMessageContaining("fitted at 8");
    assertThatThrownBy(() -> baseline.expected(A, TO, FROM))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before its start");
  }

  @Test
  void fileRoundTripKeepsEveryRatePlainOrGzipped(@TempDir Path dir) throws IOException {
    Path plain = dir.resolve("baseline.json");
    baseline.save(plain);
    Path gzipped = dir.resolve("baseline.json.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzipped))) {
      out.write(Files.readAllBytes(plain));
    }

    for (Path file : List.of(plain, gzipped)) {
      BaselineRates loaded = BaselineRates.load(file);
      assertThat(loaded.resolution()).isEqualTo(8);
      assertThat(loaded.from()).isEqualTo(FROM);
      assertThat(loaded.to()).isEqualTo(TO);
      assertSameRates(loaded);
    }
    assertThat(Files.readString(plain)).contains("\"" + A + "\"", "\"pseudoCount\"");
  }

  @Test
  void javaSerializationKeepsEveryRate() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(baseline);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertSameRates((BaselineRates) in.readObject());
    }
  }

  @Test
  void loadNamesTheFileAndTheProblem(@TempDir Path dir) throws IOException {
    Path missing = dir.resolve("none.json");
    assertThatThrownBy(() -> BaselineRates.load(missing)).hasMessageContaining(missing + " does not exist");

    Path shortRow = dir.resolve("short.json");
    Files.writeString(
        shortRow,
        "{\"resolution\":8,\"from\":\"2017-01-02T06:00:00Z\",\"to\":\"2017-01-16T06:00:00Z\",\"pseudoCount\":1.0,"
            + "\"counts\":{\"" + A + "\":[1,2,3]}}");
    assertThatThrownBy(() -> BaselineRates.load(shortRow))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cell " + A + " has 3 hourly counts, expected 168");

    Path notJson = dir.resolve("broken.json");
    Files.writeString(notJson, "{\"resolution\": 8, \"counts\": [");
    assertThatThrownBy(() -> BaselineRates.load(notJson))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(notJson + " is not valid");
  }

  private void assertSameRates(BaselineRates other) {
    for (String cell : List.of(A, B, UNSEEN)) {
      for (int h = 0; h < BaselineRates.HOURS_PER_WEEK; h++) {
        assertThat(other.rate(cell, h)).as("cell %s hour %d", cell, h).isEqualTo(baseline.rate(cell, h));
      }
    }
  }

  private static Incident at(double[] point, String localTime) {
    return new Incident(
        localTime, "chicago-crimes", chicago(localTime), null, point[0], point[1], "THEFT", "THEFT", "", "1", "", "STREET");
  }

  private static Instant chicago(String localTime) {
    return LocalDateTime.parse(localTime).atZone(BaselineRates.ZONE).toInstant();
  }
}
