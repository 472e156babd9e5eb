package io.hotwatch.core.model;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Expected incident counts that start from a fitted {@link BaselineRates} and follow the stream: each cell's rates are
 * scaled by how many incidents it has had lately against how many its baseline expected.
 *
 * <p>Per cell c the observed count O(c) and the baseline's expected count E(c) are summed with exponentially decaying
 * weights (weight 1/2 after one half-life). The cell's factor is
 *
 * <pre>  f(c) = (O(c) + k g) / (E(c) + k),   g = (O + k) / (E + k) over all cells</pre>
 *
 * a gamma-Poisson update of the cell's level with a prior of k expected incidents at the city's own factor g, so a
 * quiet cell follows the city and a busy one its own recent history. The hour-of-week shape stays the baseline's:
 * weeks of stream cannot estimate 168 hours per cell. {@link #expected} is f(c) times the baseline's, O(1) in the
 * window once a cell's sums are brought up to the stream's clock.
 *
 * <p>Serializable as a whole; for checkpoints, {@link #snapshot()} gives just what the stream changed as a record of
 * plain fields (no copy of the baseline), and {@link #restore} puts it back on the artifact's baseline. Not
 * thread-safe.
 */
public final class OnlineBaseline implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(28);
  public static final double DEFAULT_PRIOR_STRENGTH = 10;

  private static final String CITY = "";
  private static final long STEP_MILLIS = Duration.ofDays(1).toMillis();

  private final BaselineRates baseline;
  private final long halfLifeMillis;
  private final double priorStrength;
  private final long startMillis;
  private final HashMap<String, Trend> trends = new HashMap<>();
  private long clockMillis;

  /** Starts at {@code start} with no stream history: every factor is 1 until incidents arrive or time passes. */
  public OnlineBaseline(BaselineRates baseline, Instant start, Duration halfLife, double priorStrength) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("half-life " + halfLife + " must be positive");
    }
    if (!(priorStrength > 0)) {
      throw new IllegalArgumentException("prior strength " + priorStrength + " must be positive");
    }
    this.baseline = baseline;
    this.halfLifeMillis = halfLife.toMillis();
    this.priorStrength = priorStrength;
    this.startMillis = start.toEpochMilli();
    this.clockMillis = startMillis;
  }

  public OnlineBaseline(BaselineRates baseline, Instant start) {
    this(baseline, start, DEFAULT_HALF_LIFE, DEFAULT_PRIOR_STRENGTH);
  }

  /** H3 resolution of the cells, the baseline's. */
  public int resolution() {
    return baseline.resolution();
  }

  /** Time the stream history starts: incidents before it count as if they occurred then. */
  public Instant start() {
    return Instant.ofEpochMilli(startMillis);
  }

  public Duration halfLife() {
    return Duration.ofMillis(halfLifeMillis);
  }

  /** The stream's time as far as this baseline knows: the latest incident or {@link #advanceTo} time. */
  public Instant clock() {
    return Instant.ofEpochMilli(clockMillis);
  }

  /** Counts an incident in its cell. */
  public void observe(Incident incident) {
    observe(new CellIndex(resolution()).cellOf(incident.latitude(), incident.longitude()), incident.occurredAt());
  }

  /** Counts an incident in a cell at a time; a late incident counts with the weight its age has lost. */
  public void observe(String cellId, Instant occurredAt) {
    if (CellIndex.resolutionOf(cellId) != resolution()) {
      throw new IllegalArgumentException(
          "cell " + cellId + " has H3 resolution " + CellIndex.resolutionOf(cellId) + ", the baseline was fitted at "
              + resolution());
    }
    long at = Math.max(occurredAt.toEpochMilli(), startMillis);
    advanceTo(Instant.ofEpochMilli(at));
    double weight = decay(clockMillis - at);
    trend(cellId).observed += weight;
    if (baseline.cells().contains(cellId)) {
      trend(CITY).observed += weight;
    }
  }

  /** Moves the clock on (never back): time without incidents lowers the factors. */
  public void advanceTo(Instant time) {
    clockMillis = Math.max(clockMillis, time.toEpochMilli());
  }

  /** The cell's current factor f(c) on the baseline. */
  public double factor(String cellId) {
    Trend city = trend(CITY);
    double cityFactor = (city.observed + priorStrength) / (city.exposure + priorStrength);
    Trend cell = trend(cellId);
    return (cell.observed + priorStrength * cityFactor) / (cell.exposure + priorStrength);
  }

  /** Expected incidents in the cell during [windowStart, windowEnd): the baseline's times the cell's factor. */
  public double expected(String cellId, Instant windowStart, Instant windowEnd) {
    return baseline.expected(cellId, windowStart, windowEnd) * factor(cellId);
  }

  /**
   * What the stream has changed, for a checkpoint: settings, clock and each cell's decayed sums.
   *
   * @param trends per cell (the city under the key ""), {observed, exposure, as-of epoch milliseconds}
   */
  public record Snapshot(
      long startMillis, long clockMillis, long halfLifeMillis, double priorStrength, Map<String, double[]> trends)
      implements Serializable {}

  /** The state to checkpoint; {@link #restore} with the same baseline gives an equal online baseline. */
  public Snapshot snapshot() {
    Map<String, double[]> copy = new HashMap<>();
    trends.forEach((cell, t) -> copy.put(cell, new double[] {t.observed, t.exposure, t.asOfMillis}));
    return new Snapshot(startMillis, clockMillis, halfLifeMillis, priorStrength, copy);
  }

  /** An online baseline on {@code baseline} as it was when {@code snapshot} was taken. */
  public static OnlineBaseline restore(BaselineRates baseline, Snapshot snapshot) {
    OnlineBaseline online =
        new OnlineBaseline(
            baseline, Instant.ofEpochMilli(snapshot.startMillis()), Duration.ofMillis(snapshot.halfLifeMillis()),
            snapshot.priorStrength());
    online.clockMillis = snapshot.clockMillis();
    snapshot
        .trends()
        .forEach(
            (cell, sums) -> {
              Trend t = new Trend((long) sums[2]);
              t.observed = sums[0];
              t.exposure = sums[1];
              online.trends.put(cell, t);
            });
    return online;
  }

  /** Cells with stream history so far (for sizing state). */
  public int trackedCells() {
    return (int) trends.keySet().stream().filter(c -> !CITY.equals(c)).count();
  }

  /** The cell's sums brought up to the clock, stepping a day at a time so the baseline's exposure decays with it. */
  private Trend trend(String cellId) {
    Trend t = trends.computeIfAbsent(cellId, c -> new Trend(startMillis));
    while (t.asOfMillis < clockMillis) {
      long step = Math.min(STEP_MILLIS, clockMillis - t.asOfMillis);
      Instant stepStart = Instant.ofEpochMilli(t.asOfMillis);
      Instant stepEnd = Instant.ofEpochMilli(t.asOfMillis + step);
      double exposure =
          CITY.equals(cellId)
              ? baseline.cityExpected(stepStart, stepEnd)
              : baseline.expected(cellId, stepStart, stepEnd);
      // the step's exposure is weighted as if it all fell at the step's middle
      t.exposure = t.exposure * decay(step) + exposure * decay(step / 2);
      t.observed *= decay(step);
      t.asOfMillis += step;
    }
    return t;
  }

  private double decay(long millis) {
    return Math.pow(0.5, millis / (double) halfLifeMillis);
  }

  /** Decayed sums of one cell (or the city) as of a time. */
  private static final class Trend implements Serializable {
    private static final long serialVersionUID = 1L;
    double observed;
    double exposure;
    long asOfMillis;

    Trend(long asOfMillis) {
      this.asOfMillis = asOfMillis;
    }
  }
}
