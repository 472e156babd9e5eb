package io.hotwatch.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.DataFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Expected incident counts per H3 cell and hour of the week, the "normal" a hotspot is measured against.
 *
 * <p>For cell c and hour of week h (Chicago local time, Monday 00:00 = 0) the rate per hour is the cell's weekly level
 * times its share of the week at h, both smoothed by empirical Bayes ({@link BaselineSmoothing}): the level towards
 * the cell's H3 neighbourhood, the shape towards the city's hour-of-week shape, each by an amount fitted from the data.
 * A cell with no history within the neighbourhood radius gets the city's mean cell, shrunk by one week against the W
 * weeks of training in which it saw nothing.
 *
 * <p>{@link #expected} costs O(1) whatever the window's length: it reads a prefix sum over the hour-of-week profile and
 * corrects for the daylight-saving transitions inside the window. baseline.json holds the raw counts and the fitted
 * smoothing (format {@value #FORMAT_VERSION}); the rates are derived on load. Serializable and immutable, so that a
 * streaming job can ship one instance to all its operators.
 */
public final class BaselineRates implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Version of the baseline.json layout; 1 held counts and a pseudo-count, 2 counts and fitted smoothing. */
  public static final int FORMAT_VERSION = 2;

  public static final ZoneId ZONE = ZoneId.of("America/Chicago");
  public static final int HOURS_PER_WEEK = 168;

  private static final ZoneRules RULES = ZONE.getRules();
  private static final long MILLIS_PER_HOUR = 3_600_000L;
  private static final long MILLIS_PER_WEEK = HOURS_PER_WEEK * MILLIS_PER_HOUR;
  /** 1970-01-05, the first Monday of the epoch, as local milliseconds. */
  private static final long FIRST_MONDAY_MILLIS = 4 * 24 * MILLIS_PER_HOUR;

  private final int resolution;
  private final Instant from;
  private final Instant to;
  private final double weeks;
  private final BaselineSmoothing smoothing;
  private final HashMap<String, int[]> counts;
  // Derived from the counts and the smoothing: not serialized (the counts are a third of the size), rebuilt by
  // readResolve.
  /** Per cell, 169 cumulative rates: cumulative[h] = sum of the rates of hours 0 .. h-1. */
  private final transient HashMap<String, double[]> cumulative;
  private final transient double[] remoteCumulative;
  private final transient double[] cityCumulative;

  private BaselineRates(
      int resolution, Instant from, Instant to, Map<String, int[]> counts, BaselineSmoothing smoothing) {
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " is outside [0, 15]");
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("baseline range [" + from + ", " + to + ") is empty");
    }
    this.resolution = resolution;
    this.from = from;
    this.to = to;
    this.weeks = Duration.between(from, to).toMillis() / (double) MILLIS_PER_WEEK;
    this.smoothing = smoothing;
    this.counts = new HashMap<>(counts);
    this.cumulative = new HashMap<>();
    double[] city = new double[HOURS_PER_WEEK];
    for (Map.Entry<String, double[]> cell : smoothing.rates(counts, weeks).entrySet()) {
      cumulative.put(cell.getKey(), cumulate(cell.getValue()));
      for (int h = 0; h < HOURS_PER_WEEK; h++) {
        city[h] += cell.getValue()[h];
      }
    }
    this.remoteCumulative = cumulate(BaselineSmoothing.remoteRates(counts, weeks));
    this.cityCumulative = cumulate(city);
  }

  /**
   * Counts the incidents that occurred in [from, to) per cell at {@code resolution} and hour of week and fits the
   * smoothing with the default neighbourhood radius.
   */
  public static BaselineRates fit(Stream<Incident> incidents, int resolution, Instant from, Instant to) {
    return fit(incidents, resolution, from, to, BaselineSmoothing.DEFAULT_RINGS);
  }

  /** As {@link #fit(Stream, int, Instant, Instant)} with a neighbourhood of {@code rings} H3 steps. */
  public static BaselineRates fit(Stream<Incident> incidents, int resolution, Instant from, Instant to, int rings) {
    Map<String, int[]> counts = count(incidents, resolution, from, to);
    double weeks = Duration.between(from, to).toMillis() / (double) MILLIS_PER_WEEK;
    return new BaselineRates(resolution, from, to, counts, BaselineSmoothing.estimate(counts, weeks, rings));
  }

  /** As {@link #fit(Stream, int, Instant, Instant)} with the smoothing given rather than fitted. */
  public static BaselineRates fit(
      Stream<Incident> incidents, int resolution, Instant from, Instant to, BaselineSmoothing smoothing) {
    return new BaselineRates(resolution, from, to, count(incidents, resolution, from, to), smoothing);
  }

  /** Incidents in [from, to) per cell and hour of week. */
  public static Map<String, int[]> count(Stream<Incident> incidents, int resolution, Instant from, Instant to) {
    CellIndex cells = new CellIndex(resolution);
    Map<String, int[]> counts = new HashMap<>();
    incidents
        .filter(i -> !i.occurredAt().isBefore(from) && i.occurredAt().isBefore(to))
        .forEach(
            i ->
                counts.computeIfAbsent(cells.cellOf(i.latitude(), i.longitude()), c -> new int[HOURS_PER_WEEK])[
                    hourOfWeek(i.occurredAt())]++);
    return counts;
  }

  /** Reads baseline.json, plain or gzipped; a file of another format version is refused. */
  public static BaselineRates load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("baseline file " + file + " does not exist");
    }
    Stored stored;
    try (Reader reader = DataFiles.open(file)) {
      stored = mapper().readValue(reader, Stored.class);
    } catch (IOException e) {
      throw new IOException("baseline file " + file + " is not valid: " + e.getMessage(), e);
    }
    if (stored.formatVersion == null || stored.formatVersion != FORMAT_VERSION) {
      // format 1 smoothed with a fixed pseudo-count; silently refitting would change the numbers the file promised
      throw new IOException(
          "baseline file " + file + " is format " + (stored.formatVersion == null ? 1 : stored.formatVersion)
              + ", this build reads format " + FORMAT_VERSION + ": write it anew with `hotwatch train`");
    }
    if (stored.from == null || stored.to == null || stored.counts == null || stored.smoothing == null) {
      throw new IOException("baseline file " + file + " lacks from, to, smoothing or counts");
    }
    for (Map.Entry<String, int[]> cell : stored.counts.entrySet()) {
      if (cell.getValue().length != HOURS_PER_WEEK) {
        throw new IOException(
            "baseline file " + file + ": cell " + cell.getKey() + " has " + cell.getValue().length
                + " hourly counts, expected " + HOURS_PER_WEEK);
      }
    }
    try {
      BaselineSmoothing smoothing =
          new BaselineSmoothing(
              stored.smoothing.neighbourRings, stored.smoothing.levelShape, stored.smoothing.shapeConcentration);
      return new BaselineRates(stored.resolution, stored.from, stored.to, stored.counts, smoothing);
    } catch (IllegalArgumentException e) {
      throw new IOException("baseline file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes baseline.json: the counts per cell and the smoothing, from which {@link #load} derives the same rates. */
  public void save(Path file) throws IOException {
    Stored stored = new Stored();
    stored.formatVersion = FORMAT_VERSION;
    stored.resolution = resolution;
    stored.from = from;
    stored.to = to;
    stored.weeks = weeks;
    stored.smoothing = new StoredSmoothing();
    stored.smoothing.neighbourRings = smoothing.rings();
    stored.smoothing.levelShape = smoothing.levelShape();
    stored.smoothing.shapeConcentration = smoothing.shapeConcentration();
    stored.counts = new TreeMap<>(counts);
    // one cell per line: readable and diffable without the bulk of one number per line
    DefaultPrettyPrinter oneCellPerLine =
        new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      mapper().writer(oneCellPerLine).writeValue(writer, stored);
    }
  }

  /** H3 resolution the counts were taken at; {@link #expected} takes cells of this resolution only. */
  public int resolution() {
    return resolution;
  }

  public Instant from() {
    return from;
  }

  public Instant to() {
    return to;
  }

  /** Length of the training range in weeks. */
  public double weeks() {
    return weeks;
  }

  public BaselineSmoothing smoothing() {
    return smoothing;
  }

  /** Number of cells seen in training. */
  public int cellCount() {
    return counts.size();
  }

  /** Cells with a rate of their own: the seen cells and their neighbourhoods. */
  public Set<String> cells() {
    return Collections.unmodifiableSet(cumulative.keySet());
  }

  /** Expected incidents per hour in a cell at an hour of week. */
  public double rate(String cellId, int hourOfWeek) {
    double[] c = cumulativeOf(cellId);
    return c[hourOfWeek + 1] - c[hourOfWeek];
  }

  /** Expected incidents in the cell during [windowStart, windowEnd), partial hours pro rata; O(1) in the length. */
  public double expected(String cellId, Instant windowStart, Instant windowEnd) {
    return integrate(cumulativeOf(cellId), windowStart, windowEnd);
  }

  /**
   * Expected incidents in the cell in each of {@code out.length} whole hours from {@code firstHourMillis} (a multiple
   * of an hour): {@code out[i]} is {@link #expected} over hour i, to the bit. An hour with no daylight-saving
   * transition in it is one hour of the week's profile, so only the hours around a transition pay for the time zone.
   */
  public void hourlyExpected(String cellId, long firstHourMillis, double[] out) {
    if (Math.floorMod(firstHourMillis, MILLIS_PER_HOUR) != 0) {
      throw new IllegalArgumentException("hourly expectations start on a whole hour, not at " + firstHourMillis);
    }
    double[] c = cumulativeOf(cellId);
    long start = firstHourMillis;
    int hour = -1;
    long nextTransition = Long.MIN_VALUE;
    for (int i = 0; i < out.length; i++, start += MILLIS_PER_HOUR) {
      long end = start + MILLIS_PER_HOUR;
      if (hour < 0 || end >= nextTransition) {
        // at the first hour and wherever a transition falls within (start, end]: the general integral, then start
        // counting hours of the week again from the end of this one
        Instant from = Instant.ofEpochMilli(start);
        out[i] = integrate(c, from, Instant.ofEpochMilli(end));
        Instant to = Instant.ofEpochMilli(end);
        ZoneOffsetTransition next = RULES.nextTransition(to);
        nextTransition = next == null ? Long.MAX_VALUE : next.getInstant().toEpochMilli();
        hour = hourOfWeek(to);
      } else {
        // one local hour of the profile: what integrate gives for it, without the offsets
        out[i] = hour + 1 == HOURS_PER_WEEK ? c[HOURS_PER_WEEK] - c[hour] : c[hour + 1] - c[hour];
        hour = hour + 1 == HOURS_PER_WEEK ? 0 : hour + 1;
      }
    }
  }

  /** Expected incidents over all the cells with a rate of their own ({@link #cells()}) during the window. */
  public double cityExpected(Instant windowStart, Instant windowEnd) {
    return integrate(cityCumulative, windowStart, windowEnd);
  }

  /** A deserialized instance has counts and smoothing only: derive the rates again. */
  private Object readResolve() {
    return new BaselineRates(resolution, from, to, counts, smoothing);
  }

  /** Hour of the week in Chicago local time, Monday 00:00-00:59 = 0. */
  public static int hourOfWeek(Instant instant) {
    ZonedDateTime local = instant.atZone(ZONE);
    return (local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + local.getHour();
  }

  /**
   * The integral of the rate over real time: the difference of the local-time integral at both ends, less the jumps
   * of local time at the daylight-saving transitions in between (a skipped hour is not lived, a repeated hour twice).
   */
  private static double integrate(double[] c, Instant windowStart, Instant windowEnd) {
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException("window end " + windowEnd + " is before its start " + windowStart);
    }
    long startMillis = windowStart.toEpochMilli();
    long endMillis = windowEnd.toEpochMilli();
    double sum =
        localIntegral(c, endMillis + RULES.getOffset(windowEnd).getTotalSeconds() * 1000L,
            startMillis + RULES.getOffset(windowStart).getTotalSeconds() * 1000L);
    ZoneOffsetTransition t = RULES.nextTransition(windowStart);
    while (t != null && !t.getInstant().isAfter(windowEnd)) {
      sum -= localIntegral(c, localMillis(t.getDateTimeAfter()), localMillis(t.getDateTimeBefore()));
      t = RULES.nextTransition(t.getInstant());
    }
    return sum;
  }

  /** The integral of the hour-of-week profile from local time {@code lower} to {@code upper}, in local milliseconds. */
  private static double localIntegral(double[] c, long upper, long lower) {
    long upperWeek = Math.floorDiv(upper - FIRST_MONDAY_MILLIS, MILLIS_PER_WEEK);
    long lowerWeek = Math.floorDiv(lower - FIRST_MONDAY_MILLIS, MILLIS_PER_WEEK);
    return (upperWeek - lowerWeek) * c[HOURS_PER_WEEK]
        + withinWeek(c, Math.floorMod(upper - FIRST_MONDAY_MILLIS, MILLIS_PER_WEEK))
        - withinWeek(c, Math.floorMod(lower - FIRST_MONDAY_MILLIS, MILLIS_PER_WEEK));
  }

  private static double withinWeek(double[] c, long millisIntoWeek) {
    int hour = (int) (millisIntoWeek / MILLIS_PER_HOUR);
    double fraction = (millisIntoWeek - hour * MILLIS_PER_HOUR) / (double) MILLIS_PER_HOUR;
    return c[hour] + fraction * (c[hour + 1] - c[hour]);
  }

  private static long localMillis(LocalDateTime local) {
    return local.toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static double[] cumulate(double[] rates) {
    double[] c = new double[HOURS_PER_WEEK + 1];
    for (int h = 0; h < HOURS_PER_WEEK; h++) {
      c[h + 1] = c[h] + rates[h];
    }
    return c;
  }

  /** The cell's cumulative rates; refuses a cell of another resolution. */
  private double[] cumulativeOf(String cellId) {
    double[] c = cumulative.get(cellId);
    if (c != null) {
      return c;
    }
    if (CellIndex.resolutionOf(cellId) != resolution) {
      throw new IllegalArgumentException(
          "cell " + cellId + " has H3 resolution " + CellIndex.resolutionOf(cellId) + ", the baseline was fitted at "
              + resolution);
    }
    return remoteCumulative;
  }

  private static ObjectMapper mapper() {
    return EventCodec.newObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  /** The file form. */
  private static final class Stored {
    @JsonProperty public Integer formatVersion;
    @JsonProperty public int resolution;
    @JsonProperty public Instant from;
    @JsonProperty public Instant to;
    @JsonProperty public double weeks;
    @JsonProperty public StoredSmoothing smoothing;
    @JsonProperty public Map<String, int[]> counts;
  }

  /** The file form of {@link BaselineSmoothing}. */
  private static final class StoredSmoothing {
    @JsonProperty
    public String method =
        "level: poisson-gamma towards the H3 neighbourhood; hour-of-week shape: dirichlet towards the city";
    @JsonProperty public int neighbourRings;
    @JsonProperty public double levelShape;
    @JsonProperty public double shapeConcentration;
  }
}
