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
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Expected incident counts per H3 cell and hour of the week, the "normal" a hotspot is measured against.
 *
 * <p>For cell c and hour of week h (Chicago local time, Monday 00:00 = 0) the rate per hour is
 *
 * <pre>  rate(c, h) = (n(c, h) + m * mu(h)) / (W + m)</pre>
 *
 * where n is the training count, W the length of the training range in weeks, mu(h) the city mean of n(c, h) / W over
 * the cells seen in training, and m = {@value #PSEUDO_COUNT} a pseudo-count that shrinks a cell's own history towards
 * the city mean, so that one unlucky week does not set a cell's normal. A cell never seen in training gets
 * m * mu(h) / (W + m).
 *
 * <p>baseline.json and the in-memory form hold the raw counts (exact and compact: one int per cell and hour); rates are
 * derived when asked. Serializable and immutable, so that a streaming job can ship one instance to all its operators.
 */
public final class BaselineRates implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The shrinkage pseudo-count m, in weeks of city-mean history. */
  public static final double PSEUDO_COUNT = 1.0;

  public static final ZoneId ZONE = ZoneId.of("America/Chicago");
  public static final int HOURS_PER_WEEK = 168;

  private static final double MILLIS_PER_HOUR = 3_600_000.0;

  private final int resolution;
  private final Instant from;
  private final Instant to;
  private final double weeks;
  private final HashMap<String, int[]> counts;
  private final double[] cityMean;

  private BaselineRates(int resolution, Instant from, Instant to, Map<String, int[]> counts) {
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " is outside [0, 15]");
    }
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("baseline range [" + from + ", " + to + ") is empty");
    }
    this.resolution = resolution;
    this.from = from;
    this.to = to;
    this.weeks = Duration.between(from, to).toMillis() / (HOURS_PER_WEEK * MILLIS_PER_HOUR);
    this.counts = new HashMap<>(counts);
    this.cityMean = new double[HOURS_PER_WEEK];
    for (int[] n : counts.values()) {
      for (int h = 0; h < HOURS_PER_WEEK; h++) {
        cityMean[h] += n[h] / weeks;
      }
    }
    for (int h = 0; h < HOURS_PER_WEEK && !counts.isEmpty(); h++) {
      cityMean[h] /= counts.size();
    }
  }

  /** Counts the incidents that occurred in [from, to) per cell at {@code resolution} and hour of week. */
  public static BaselineRates fit(Stream<Incident> incidents, int resolution, Instant from, Instant to) {
    CellIndex cells = new CellIndex(resolution);
    Map<String, int[]> counts = new HashMap<>();
    incidents
        .filter(i -> !i.occurredAt().isBefore(from) && i.occurredAt().isBefore(to))
        .forEach(
            i ->
                counts.computeIfAbsent(cells.cellOf(i.latitude(), i.longitude()), c -> new int[HOURS_PER_WEEK])[
                    hourOfWeek(i.occurredAt())]++);
    return new BaselineRates(resolution, from, to, counts);
  }

  /** Reads baseline.json, plain or gzipped. */
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
    if (stored.from == null || stored.to == null || stored.counts == null) {
      throw new IOException("baseline file " + file + " lacks from, to or counts");
    }
    if (stored.pseudoCount != PSEUDO_COUNT) {
      throw new IOException(
          "baseline file " + file + " was written for pseudo-count " + stored.pseudoCount + ", this build uses " + PSEUDO_COUNT);
    }
    for (Map.Entry<String, int[]> cell : stored.counts.entrySet()) {
      if (cell.getValue().length != HOURS_PER_WEEK) {
        throw new IOException(
            "baseline file " + file + ": cell " + cell.getKey() + " has " + cell.getValue().length + " hourly counts, expected " + HOURS_PER_WEEK);
      }
    }
    try {
      return new BaselineRates(stored.resolution, stored.from, stored.to, stored.counts);
    } catch (IllegalArgumentException e) {
      throw new IOException("baseline file " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes baseline.json: the counts per cell, from which {@link #load} derives the same rates. */
  public void save(Path file) throws IOException {
    Stored stored = new Stored();
    stored.resolution = resolution;
    stored.from = from;
    stored.to = to;
    stored.weeks = weeks;
    stored.pseudoCount = PSEUDO_COUNT;
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

  /** Number of cells seen in training. */
  public int cellCount() {
    return counts.size();
  }

  /** Expected incidents per hour in a cell at an hour of week. */
  public double rate(String cellId, int hourOfWeek) {
    return rate(countsOf(cellId), hourOfWeek);
  }

  /** Expected incidents in the cell during [windowStart, windowEnd), partial hours pro rata. */
  public double expected(String cellId, Instant windowStart, Instant windowEnd) {
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException("window end " + windowEnd + " is before its start " + windowStart);
    }
    int[] n = countsOf(cellId);
    double sum = 0;
    Instant t = windowStart;
    while (t.isBefore(windowEnd)) {
      // Chicago's offsets are whole hours, so UTC hour boundaries are local hour boundaries
      Instant next = t.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
      if (next.isAfter(windowEnd)) {
        next = windowEnd;
      }
      sum += rate(n, hourOfWeek(t)) * (Duration.between(t, next).toMillis() / MILLIS_PER_HOUR);
      t = next;
    }
    return sum;
  }

  /** Hour of the week in Chicago local time, Monday 00:00-00:59 = 0. */
  public static int hourOfWeek(Instant instant) {
    ZonedDateTime local = instant.atZone(ZONE);
    return (local.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue()) * 24 + local.getHour();
  }

  private double rate(int[] n, int hourOfWeek) {
    return ((n == null ? 0 : n[hourOfWeek]) + PSEUDO_COUNT * cityMean[hourOfWeek]) / (weeks + PSEUDO_COUNT);
  }

  /** The cell's counts, or null for a cell of the right resolution never seen in training. */
  private int[] countsOf(String cellId) {
    int[] n = counts.get(cellId);
    if (n == null && CellIndex.resolutionOf(cellId) != resolution) {
      throw new IllegalArgumentException(
          "cell " + cellId + " has H3 resolution " + CellIndex.resolutionOf(cellId) + ", the baseline was fitted at " + resolution);
    }
    return n;
  }

  private static ObjectMapper mapper() {
    return EventCodec.newObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
  }

  /** The file form. */
  private static final class Stored {
    @JsonProperty public int resolution;
    @JsonProperty public Instant from;
    @JsonProperty public Instant to;
    @JsonProperty public double weeks;
    @JsonProperty public double pseudoCount;
    @JsonProperty public Map<String, int[]> counts;
  }
}
