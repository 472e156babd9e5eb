package io.hotwatch.core.hotspot;

import io.hotwatch.core.model.BaselineRates;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Expected counts per cell over any window ending near the current step, as the difference of two prefix sums of the
 * baseline's hourly expectations, so a window of any length costs two lookups. The prefix sums cover one moving block
 * of hours (the longest window back, a week ahead) and are rebuilt when a step leaves it, asking the baseline only for
 * the hours the old block did not hold: once per cell and hour of event time. The sum over the region's
 * cells (the city's cells, and any other cell the engine holds incidents in) is kept as one more prefix sum, for the
 * scan's city total.
 *
 * <p>Within an hour the baseline is taken as uniform, as {@link BaselineRates#expected} itself does.
 */
final class ExpectedCounts {

  static final long HOUR = 3_600_000L;
  private static final int FORWARD_HOURS = 168;

  private final BaselineRates baseline;
  private final int lookbackHours;
  private final int blockHours;
  private final Map<String, double[]> prefix = new HashMap<>();
  private Map<String, double[]> hourly = new HashMap<>();
  private Map<String, double[]> previousHourly = new HashMap<>();
  private long previousFirstHour = Long.MIN_VALUE;
  private final Set<String> city;
  private final TreeSet<String> extra = new TreeSet<>();
  private long firstHour = Long.MIN_VALUE;
  private double[] cityPrefix;

  ExpectedCounts(BaselineRates baseline, long longestWindowMillis, Collection<String> city) {
    this.baseline = baseline;
    this.city = Set.copyOf(city);
    this.lookbackHours = (int) Math.floorDiv(longestWindowMillis + HOUR - 1, HOUR) + 1;
    this.blockHours = lookbackHours + FORWARD_HOURS + 2;
  }

  /** Makes every window ending at or before {@code step} + 1 h and starting after step - longest window answerable. */
  void moveTo(long step) {
    long stepHour = Math.floorDiv(step, HOUR);
    if (firstHour != Long.MIN_VALUE && stepHour - lookbackHours >= firstHour && stepHour + 2 <= firstHour + blockHours) {
      return;
    }
    // blocks start on a fixed grid, so that an engine restored mid-block sums exactly as the original did
    previousFirstHour = firstHour;
    previousHourly = hourly;
    hourly = new HashMap<>();
    firstHour = Math.floorDiv(stepHour - lookbackHours, FORWARD_HOURS) * FORWARD_HOURS;
    prefix.clear();
    cityPrefix = null;
  }

  /** Expected incidents in the cell during [from, to). */
  double expected(String cell, long from, long to) {
    double[] p = prefixOf(cell);
    return at(p, to) - at(p, from);
  }

  /**
   * Expected incidents in all region cells together during [from, to): the city's cells, and those other cells
   * {@code counted} accepts.
   */
  double regionExpected(long from, long to, Predicate<String> counted) {
    if (cityPrefix == null) {
      // summed in cell order: the same city gives the same bits however the engine came about (restore)
      cityPrefix = new double[blockHours + 1];
      city.stream().sorted().forEach(cell -> add(cityPrefix, prefixOf(cell)));
    }
    double sum = at(cityPrefix, to) - at(cityPrefix, from);
    for (String cell : extra) {
      if (counted.test(cell)) {
        sum += expected(cell, from, to);
      }
    }
    return sum;
  }

  /** The cell now holds incidents: outside the city, it counts towards the city total while it does. */
  void join(String cell) {
    if (!city.contains(cell)) {
      extra.add(cell);
    }
  }

  /** The cell holds no incident any more. */
  void leave(String cell) {
    if (extra.remove(cell)) {
      prefix.remove(cell);
      hourly.remove(cell);
    }
  }

  /** Identifies the current block: a prefix array from {@link #prefixOf} is valid while this stays the same. */
  long block() {
    return firstHour;
  }

  /** Expected incidents during [from, to) from a prefix array of the current block. */
  double between(double[] p, long from, long to) {
    return at(p, to) - at(p, from);
  }

  /** One window's position in the current block, worked out once for all the cells a step visits. */
  final class Span {
    private final int fromIndex;
    private final double fromFraction;
    private final int toIndex;
    private final double toFraction;

    Span(long from, long to) {
      requireInBlock(from);
      requireInBlock(to);
      long fromOffset = from - firstHour * HOUR;
      long toOffset = to - firstHour * HOUR;
      this.fromIndex = (int) (fromOffset / HOUR);
      this.fromFraction = (fromOffset % HOUR) / (double) HOUR;
      this.toIndex = (int) (toOffset / HOUR);
      this.toFraction = (toOffset % HOUR) / (double) HOUR;
    }

    double of(double[] p) {
      return interpolate(p, toIndex, toFraction) - interpolate(p, fromIndex, fromFraction);
    }

    private double interpolate(double[] p, int i, double fraction) {
      return fraction == 0 ? p[i] : p[i] + fraction * (p[i + 1] - p[i]);
    }
  }

  double[] prefixOf(String cell) {
    double[] p = prefix.get(cell);
    if (p == null) {
      if (firstHour == Long.MIN_VALUE) {
        throw new IllegalStateException("no step yet: call moveTo first");
      }
      double[] values = new double[blockHours];
      double[] old = previousHourly.get(cell);
      // the hours the previous block held are copied; the others asked for in at most two runs
      int sharedFrom = blockHours;
      int sharedTo = blockHours;
      if (old != null) {
        long shift = firstHour - previousFirstHour;
        sharedFrom = (int) Math.max(0, Math.min(blockHours, -shift));
        sharedTo = (int) Math.max(sharedFrom, Math.min(blockHours, blockHours - shift));
        if (sharedTo > sharedFrom) {
          System.arraycopy(old, (int) (sharedFrom + shift), values, sharedFrom, sharedTo - sharedFrom);
        } else {
          sharedFrom = blockHours;
          sharedTo = blockHours;
        }
      }
      fill(cell, values, 0, sharedFrom);
      fill(cell, values, sharedTo, blockHours);
      p = new double[blockHours + 1];
      for (int i = 0; i < blockHours; i++) {
        p[i + 1] = p[i] + values[i];
      }
      hourly.put(cell, values);
      prefix.put(cell, p);
    }
    return p;
  }

  /** The baseline's expectation for each hour of the block in [from, to). */
  private void fill(String cell, double[] values, int from, int to) {
    if (to > from) {
      double[] run = new double[to - from];
      baseline.hourlyExpected(cell, (firstHour + from) * HOUR, run);
      System.arraycopy(run, 0, values, from, run.length);
    }
  }

  private void requireInBlock(long t) {
    long offset = t - firstHour * HOUR;
    long i = offset / HOUR;
    if (offset < 0 || i > blockHours || (i == blockHours && offset % HOUR != 0)) {
      throw new IllegalStateException(
          "instant " + Instant.ofEpochMilli(t) + " is outside the prefix block starting "
              + Instant.ofEpochMilli(firstHour * HOUR));
    }
  }

  private double at(double[] p, long t) {
    requireInBlock(t);
    long offset = t - firstHour * HOUR;
    int i = (int) (offset / HOUR);
    if (i == blockHours) {
      return p[i];
    }
    return p[i] + (offset % HOUR) / (double) HOUR * (p[i + 1] - p[i]);
  }

  private static void add(double[] target, double[] series) {
    for (int i = 0; i < target.length; i++) {
      target[i] += series[i];
    }
  }
}
