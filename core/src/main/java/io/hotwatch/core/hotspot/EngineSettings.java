package io.hotwatch.core.hotspot;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Parameters of the space-time hotspot engine; {@link #defaults()} is what the job and the calibration use.
 *
 * @param bucket width of the count buckets; steps, windows and lateness are whole multiples of it
 * @param step time between evaluation steps (event time)
 * @param windows counting window lengths, shortest first; the last is the longest
 * @param allowedLateness how far behind the last evaluated step an incident may still arrive and be counted
 * @param prescreenPValue a cell seeds a cluster when its own Poisson upper tail is at most this
 * @param prescreenMinCount and when it holds at least this many incidents in the window
 * @param maxClusterCells a cluster grows to at most this many cells
 * @param openRecurrenceDays a cluster opens a hotspot when chance would produce one as strong this rarely or rarer
 * @param closeRecurrenceDays an open hotspot closes when its recurrence interval falls below this (hysteresis)
 * @param shapeRadiusMetres DBSCAN neighbourhood radius for the incident outline
 * @param shapeMinPoints DBSCAN minimum neighbours for a core point
 * @param cellMemory how long a cell remembers that it was part of a hotspot (for the {@code sporadic} label)
 * @param scansPerWindow how many times per its own length a window is scanned: window w is scanned at the steps that
 *     are multiples (since the epoch) of max(1, floor(length / scansPerWindow / step)) steps, see {@link #scanEvery}
 */
public record EngineSettings(
    Duration bucket,
    Duration step,
    List<Duration> windows,
    Duration allowedLateness,
    double prescreenPValue,
    int prescreenMinCount,
    int maxClusterCells,
    double openRecurrenceDays,
    double closeRecurrenceDays,
    double shapeRadiusMetres,
    int shapeMinPoints,
    Duration cellMemory,
    int scansPerWindow)
    implements Serializable {

  public EngineSettings {
    windows = List.copyOf(windows);
    requirePositive("bucket", bucket);
    requireMultiple("step", step, bucket);
    if (windows.isEmpty()) {
      throw new IllegalArgumentException("windows is empty");
    }
    for (int i = 0; i < windows.size(); i++) {
      requireMultiple("window " + windows.get(i), windows.get(i), bucket);
      if (i > 0 && windows.get(i).compareTo(windows.get(i - 1)) <= 0) {
        throw new IllegalArgumentException("windows " + windows + " are not strictly increasing");
      }
    }
    if (allowedLateness.isNegative() || allowedLateness.toMillis() % bucket.toMillis() != 0) {
      throw new IllegalArgumentException("allowedLateness " + allowedLateness + " is not a multiple of " + bucket);
    }
    if (allowedLateness.compareTo(windows.get(windows.size() - 1)) > 0) {
      throw new IllegalArgumentException("allowedLateness " + allowedLateness + " exceeds the longest window");
    }
    if (!(prescreenPValue > 0 && prescreenPValue < 1)) {
      throw new IllegalArgumentException("prescreenPValue " + prescreenPValue + " is outside (0, 1)");
    }
    if (prescreenMinCount < 1 || maxClusterCells < 1 || shapeMinPoints < 1 || scansPerWindow < 1) {
      throw new IllegalArgumentException(
          "prescreenMinCount, maxClusterCells, shapeMinPoints and scansPerWindow must be at least 1");
    }
    if (!(closeRecurrenceDays > 0 && openRecurrenceDays >= closeRecurrenceDays)) {
      throw new IllegalArgumentException(
          "recurrence thresholds open " + openRecurrenceDays + " / close " + closeRecurrenceDays
              + " need 0 < close <= open");
    }
    if (!(shapeRadiusMetres > 0)) {
      throw new IllegalArgumentException("shapeRadiusMetres " + shapeRadiusMetres + " is not positive");
    }
  }

  /**
   * 5-minute buckets and steps; 1 h, 6 h, 24 h and 7 d windows, each scanned 24 times per its length (every 5 min,
   * 15 min, 1 h and 7 h); a hotspot opens at a recurrence interval of 2 days and closes below half a day (the figures
   * behind the choice are in docs/HOTSPOTS.md).
   */
  public static EngineSettings defaults() {
    return new EngineSettings(
        Duration.ofMinutes(5),
        Duration.ofMinutes(5),
        List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(7)),
        Duration.ofHours(1),
        0.005,
        2,
        12,
        2,
        0.5,
        250,
        3,
        Duration.ofHours(24),
        24);
  }

  public EngineSettings withRecurrence(double openDays, double closeDays) {
    return new EngineSettings(
        bucket, step, windows, allowedLateness, prescreenPValue, prescreenMinCount, maxClusterCells, openDays,
        closeDays, shapeRadiusMetres, shapeMinPoints, cellMemory, scansPerWindow);
  }

  public EngineSettings withWindows(List<Duration> lengths) {
    return new EngineSettings(
        bucket, step, lengths, allowedLateness, prescreenPValue, prescreenMinCount, maxClusterCells,
        openRecurrenceDays, closeRecurrenceDays, shapeRadiusMetres, shapeMinPoints, cellMemory, scansPerWindow);
  }

  public EngineSettings withAllowedLateness(Duration lateness) {
    return new EngineSettings(
        bucket, step, windows, lateness, prescreenPValue, prescreenMinCount, maxClusterCells, openRecurrenceDays,
        closeRecurrenceDays, shapeRadiusMetres, shapeMinPoints, cellMemory, scansPerWindow);
  }

  /** The same settings with each window scanned {@code scans} times per its length (a large number: every step). */
  public EngineSettings withScansPerWindow(int scans) {
    return new EngineSettings(
        bucket, step, windows, allowedLateness, prescreenPValue, prescreenMinCount, maxClusterCells,
        openRecurrenceDays, closeRecurrenceDays, shapeRadiusMetres, shapeMinPoints, cellMemory, scans);
  }

  /**
   * How often window {@code w} is scanned: its length over {@link #scansPerWindow}, rounded down to whole steps, at
   * least one step. A long window changes little in one step, so scanning it every step mostly repeats work.
   */
  public Duration scanEvery(int w) {
    long steps = Math.max(1, windows.get(w).toMillis() / scansPerWindow / step.toMillis());
    return step.multipliedBy(steps);
  }

  /** Whether window {@code w} is scanned at the step ending at {@code stepMillis} (aligned on the epoch). */
  public boolean scansAt(int w, long stepMillis) {
    return Math.floorMod(stepMillis, scanEvery(w).toMillis()) == 0;
  }

  public Duration longestWindow() {
    return windows.get(windows.size() - 1);
  }

  public long longestWindowMillis() {
    return windows.get(windows.size() - 1).toMillis();
  }

  /** Evaluation steps per day, the unit that turns a p-value per step into a recurrence interval. */
  public double stepsPerDay() {
    return Duration.ofDays(1).toMillis() / (double) step.toMillis();
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " " + d + " is not positive");
    }
  }

  private static void requireMultiple(String name, Duration d, Duration unit) {
    requirePositive(name, d);
    if (d.toMillis() % unit.toMillis() != 0) {
      throw new IllegalArgumentException(name + " " + d + " is not a multiple of the bucket " + unit);
    }
  }
}
