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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two weeks of hand-placed incidents in two cells far apart, so that the rates can be worked out on paper from the
 * documented formula with a given smoothing (a = 2, alpha = 10, one ring); and synthetic data where the fitted
 * smoothing must follow what the data were drawn from.
 */
class BaselineRatesTest {

  private static final CellIndex CELLS = new CellIndex(8);
  private static final double[] LOOP = {41.8781, -87.6298};
  private static final double[] HYDE_PARK = {41.7943, -87.5907};
  private static final String A = CELLS.cellOf(LOOP[0], LOOP[1]);
  private static final String B = CELLS.cellOf(HYDE_PARK[0], HYDE_PARK[1]);
  private static final String NEXT_TO_A = CellIndex.disk(A, 1).stream().filter(c -> !c.equals(A)).findFirst().get();
  private static final String UNSEEN = CELLS.cellOf(41.98, -87.80);
  private static final Instant FROM = chicago("2017-01-02T00:00"); // a Monday
  private static final Instant TO = chicago("2017-01-16T00:00"); // two weeks later
  private static final BaselineSmoothing GIVEN = new BaselineSmoothing(1, 2.0, 10.0);

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

  private final BaselineRates baseline = BaselineRates.fit(INCIDENTS.stream(), 8, FROM, TO, GIVEN);

  @Test
  void ratesAreTheNeighbourhoodShrunkLevelTimesTheCityShrunkShape() {
    double weeks = 2;
    // city shape: 7 incidents, 4 at hour 9, 2 at 34, 1 at 145
    double[] city = new double[168];
    city[9] = 4.0 / 7;
    city[34] = 2.0 / 7;
    city[145] = 1.0 / 7;
    // A's ring of 7 cells holds A's 3 incidents only: prior mean level 3 / 2 / 7 a week
    double priorA = 3.0 / weeks / 7;
    double levelA = (3 + 2.0) / (weeks + 2.0 / priorA);
    double levelB = (4 + 2.0) / (weeks + 2.0 / (4.0 / weeks / 7));
    double levelNextToA = 2.0 / (weeks + 2.0 / priorA);
    assertThat(baseline.rate(A, 9)).isCloseTo(levelA * (3 + 10 * city[9]) / (3 + 10), within(1e-12));
    assertThat(baseline.rate(A, 34)).isCloseTo(levelA * (10 * city[34]) / (3 + 10), within(1e-12));
    assertThat(baseline.rate(B, 34)).isCloseTo(levelB * (2 + 10 * city[34]) / (4 + 10), within(1e-12));
    assertThat(baseline.rate(B, 145)).isCloseTo(levelB * (1 + 10 * city[145]) / (4 + 10), within(1e-12));
    assertThat(baseline.rate(A, 0)).isZero();
    assertThat(baseline.rate(NEXT_TO_A, 9)).isCloseTo(levelNextToA * city[9], within(1e-12));
    // nothing within a ring: the mean seen cell, one week against two of nothing: mu(9) = (3 + 1) / 2 / 2 = 1
    assertThat(baseline.rate(UNSEEN, 9)).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(baseline.rate(UNSEEN, 34)).isCloseTo(0.5 / 3, within(1e-12));
    assertThat(baseline.cellCount()).isEqualTo(2);
    assertThat(baseline.cells()).hasSize(14).contains(A, B, NEXT_TO_A).doesNotContain(UNSEEN);
    assertThat(baseline.resolution()).isEqualTo(8);
  }

  @Test
  void fittedShrinkageFollowsHowMuchCellsDiffer() {
    Instant from = chicago("2017-01-02T00:00");
    Instant to = from.plus(Duration.ofDays(28));
    List<String> area = CellIndex.disk(A, 10);
    Random random = new Random(7);
    // every cell has the same level and the same day-only shape: nothing to learn per cell
    List<Incident> alike = new ArrayList<>();
    // half the cells are busy by day, half by night, at levels that differ twenty-fold
    List<Incident> different = new ArrayList<>();
    for (int c = 0; c < area.size(); c++) {
      for (int i = 0; i < 40; i++) {
        alike.add(inCell(area.get(c), from, random.nextInt(28), 8 + random.nextInt(10)));
      }
      int count = c % 3 == 0 ? 200 : 10;
      for (int i = 0; i < count; i++) {
        int hour = c % 2 == 0 ? 8 + random.nextInt(10) : 20 + random.nextInt(4);
        different.add(inCell(area.get(c), from, random.nextInt(28), hour));
      }
    }
    BaselineSmoothing same = BaselineRates.fit(alike.stream(), 8, from, to).smoothing();
    BaselineSmoothing apart = BaselineRates.fit(different.stream(), 8, from, to).smoothing();

    // alike: no spread beyond Poisson noise, so the prior takes all the weight it is allowed
    assertThat(same.levelShape()).isGreaterThan(1000);
    assertThat(same.shapeConcentration()).isGreaterThan(10_000);
    // apart: a busy cell keeps its own level and a 200-incident cell mostly its own shape
    assertThat(apart.levelShape()).isLessThan(2);
    assertThat(apart.shapeConcentration()).isLessThan(100);
  }

  @Test
  void expectedEqualsTheHourByHourSumOverWindowsOfAnyLength() {
    BaselineRates fitted = BaselineRates.fit(INCIDENTS.stream(), 8, FROM, TO);
    Random random = new Random(11);
    Instant year = Instant.parse("2017-01-01T00:00:00Z");
    for (int i = 0; i < 400; i++) {
      Instant start = year.plusSeconds(random.nextInt(365 * 86_400));
      Instant end = start.plusSeconds(random.nextInt(i % 4 == 0 ? 60 * 86_400 : 3 * 3600));
      for (String cell : List.of(A, B, NEXT_TO_A, UNSEEN)) {
        double expected = fitted.expected(cell, start, end);
        assertThat(expected)
            .as("%s %s .. %s", cell, start, end)
            .isCloseTo(hourByHour(fitted, cell, start, end), within(1e-9));
      }
    }
  }

  @Test
  void hourlyExpectationsEqualTheIntegralOfEachHourToTheBitAcrossDaylightSavingTransitions() {
    BaselineRates fitted = BaselineRates.fit(INCIDENTS.stream(), 8, FROM, TO);
    // two years of hours from an odd start: four transitions, every hour of the week many times
    long first = Instant.parse("2016-02-29T13:00:00Z").toEpochMilli();
    double[] hours = new double[2 * 366 * 24];
    for (String cell : List.of(A, B, NEXT_TO_A, UNSEEN)) {
      fitted.hourlyExpected(cell, first, hours);
      for (int i = 0; i < hours.length; i++) {
        Instant start = Instant.ofEpochMilli(first + i * 3_600_000L);
        assertThat(Double.doubleToRawLongBits(hours[i]))
            .as("%s hour %s", cell, start)
            .isEqualTo(Double.doubleToRawLongBits(fitted.expected(cell, start, start.plusSeconds(3600))));
      }
    }
    assertThatThrownBy(() -> fitted.hourlyExpected(A, first + 1, hours)).hasMessageContaining("whole hour");
  }

  @Test
  void theRepeatedHourWhenDaylightSavingTimeEndsCountsTwiceAndTheSkippedOneNever() {
    // Sunday 1h, 2h and 3h (145, 146, 147) with distinct counts, so that each hour's share shows in a sum
    List<Incident> sunday = new ArrayList<>(INCIDENTS);
    sunday.addAll(List.of(at(HYDE_PARK, "2017-01-08T02:10"), at(HYDE_PARK, "2017-01-08T02:20")));
    for (int i = 0; i < 4; i++) {
      sunday.add(at(HYDE_PARK, "2017-01-08T03:1" + i));
    }
    BaselineRates rates = BaselineRates.fit(sunday.stream(), 8, FROM, TO, GIVEN);
    assertThat(rates.rate(B, 146)).isNotEqualTo(rates.rate(B, 147));
    // 2017-11-05 01:00-02:00 happens twice in Chicago (CDT, then CST): two real hours of Sunday 1h
    Instant firstOneAm = Instant.parse("2017-11-05T06:00:00Z");
    Instant twoAmStandardTime = Instant.parse("2017-11-05T08:00:00Z");
    assertThat(rates.expected(B, firstOneAm, twoAmStandardTime)).isCloseTo(2 * rates.rate(B, 145), within(1e-12));
    assertThat(rates.expected(B, firstOneAm, Instant.parse("2017-11-05T09:00:00Z")))
        .isCloseTo(2 * rates.rate(B, 145) + rates.rate(B, 146), within(1e-12));
    // 2017-03-12 02:00-03:00 does not happen: 01:00 CST to 04:00 CDT is two real hours, Sunday 1h and 3h
    Instant oneAm = Instant.parse("2017-03-12T07:00:00Z");
    Instant fourAm = Instant.parse("2017-03-12T09:00:00Z");
    assertThat(rates.expected(B, oneAm, fourAm)).isCloseTo(rates.rate(B, 145) + rates.rate(B, 147), within(1e-12));
  }

  @Test
  void expectedIntegratesPartialHoursProRata() {
    assertThat(baseline.expected(A, chicago("2017-03-06T09:30"), chicago("2017-03-06T10:30")))
        .isCloseTo(0.5 * baseline.rate(A, 9) + 0.5 * baseline.rate(A, 10), within(1e-12));
    assertThat(baseline.expected(A, chicago("2017-03-06T00:00"), chicago("2017-03-13T00:00")))
        .isCloseTo(baseline.rate(A, 9) + baseline.rate(A, 34) + baseline.rate(A, 145), within(1e-12));
    assertThat(baseline.expected(A, chicago("2017-03-06T09:30"), chicago("2017-03-06T09:30"))).isZero();
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
      assertThat(loaded.smoothing()).isEqualTo(GIVEN);
      assertSameRates(loaded);
    }
    assertThat(Files.readString(plain)).contains("\"" + A + "\"", "\"formatVersion\" : 2", "\"levelShape\" : 2.0");
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

    Path formatOne = dir.resolve("old.json");
    Files.writeString(
        formatOne,
        "{\"resolution\":8,\"from\":\"2017-01-02T06:00:00Z\",\"to\":\"2017-01-16T06:00:00Z\",\"pseudoCount\":1.0,"
            + "\"counts\":{}}");
    assertThatThrownBy(() -> BaselineRates.load(formatOne))
        .isInstanceOf(IOException.class)
        .hasMessage("baseline file " + formatOne + " is format 1, this build reads format 2: write it anew with"
            + " `hotwatch train`");

    Path shortRow = dir.resolve("short.json");
    Files.writeString(
        shortRow,
        "{\"formatVersion\":2,\"resolution\":8,\"from\":\"2017-01-02T06:00:00Z\",\"to\":\"2017-01-16T06:00:00Z\","
            + "\"smoothing\":{\"neighbourRings\":1,\"levelShape\":1,\"shapeConcentration\":1},"
            + "\"counts\":{\"" + A + "\":[1,2,3]}}");
    assertThatThrownBy(() -> BaselineRates.load(shortRow))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cell " + A + " has 3 hourly counts, expected 168");

    Path noSmoothing = dir.resolve("nosmoothing.json");
    Files.writeString(noSmoothing, "{\"formatVersion\":2,\"resolution\":8,\"from\":\"2017-01-02T06:00:00Z\","
        + "\"to\":\"2017-01-16T06:00:00Z\",\"counts\":{}}");
    assertThatThrownBy(() -> BaselineRates.load(noSmoothing))
        .hasMessageContaining("lacks from, to, smoothing or counts");

    Path notJson = dir.resolve("broken.json");
    Files.writeString(notJson, "{\"resolution\": 8, \"counts\": [");
    assertThatThrownBy(() -> BaselineRates.load(notJson))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(notJson + " is not valid");
  }

  /** The reference: real hour by real hour, each at its local hour of week, partial hours pro rata. */
  private static double hourByHour(BaselineRates rates, String cell, Instant start, Instant end) {
    double sum = 0;
    Instant t = start;
    while (t.isBefore(end)) {
      Instant next = t.truncatedTo(java.time.temporal.ChronoUnit.HOURS).plusSeconds(3600);
      if (next.isAfter(end)) {
        next = end;
      }
      sum += rates.rate(cell, BaselineRates.hourOfWeek(t)) * Duration.between(t, next).toMillis() / 3_600_000.0;
      t = next;
    }
    return sum;
  }

  private static Incident inCell(String cell, Instant from, int day, int hour) {
    var c = CellIndex.centroid(cell);
    return new Incident(
        cell, "test", from.plus(Duration.ofDays(day)).plus(Duration.ofHours(hour)), null, c.lat(), c.lon(), "THEFT",
        "THEFT", "", "1", "", "STREET");
  }

  private void assertSameRates(BaselineRates other) {
    for (String cell : List.of(A, B, NEXT_TO_A, UNSEEN)) {
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
