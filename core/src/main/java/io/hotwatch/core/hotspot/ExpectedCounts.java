package io.hotwatch.core.hotspot;

import io.hotwatch.core.model.BaselineRates;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Expected counts per cell over any window ending near the current step, as the difference of two prefix sums of the
 * baseline's hourly expectations, so a window of any length costs two lookups. The prefix sums cover one moving block
 * of hours (the longest window back, two days ahead) and are rebuilt when a step leaves it. The sum over the region's
 * cells (the city's cells, and any other cell the engine holds incidents in) is kept as one more prefix sum, for the
 * scan's city total.
 *
 * <p>Within an hour the baseline is taken as uniform, as {@link BaselineRates#expected} itself does.
 */
final class ExpectedCounts {

  static final long HOUR = 3_600_000L;
  private static final int FORWARD_HOURS = 48;

  private final BaselineRates baseline;
  private final int lookbackHours;
  private final int blockHours;
  private final Map<String, double[]> prefix = new HashMap<>();
  private final Set<String> city;
  private final Set<String> region;
  private long firstHour = Long.MIN_VALUE;
  private double[] regionPrefix;

  ExpectedCounts(BaselineRates baseline, long longestWindowMillis, Collection<String> city) {
    this.baseline = baseline;
    this.city = Set.copyOf(city);
    this.region = new HashSet<>(city);
    this.lookbackHours = (int) Math.floorDiv(longestWindowMillis + HOUR - 1, HOUR) + 1;
    this.blockHours = lookbackHours + FORWARD_HOURS + 2;
  }

  /** Makes every window ending at or before {@code step} + 1 h and starting after step - longest window answerable. */
  void moveTo(long step) {
    long stepHour = Math.floorDiv(step, HOUR);
    if (firstHour != Long.MIN_VALUE && stepHour - lookbackHours >= firstHour && stepHour + 2 <= firstHour + blockHours) {
      return;
    }
    // blocks start on a fixed 48-hour grid, so that an engine restored mid-block sums exactly as the original did
    firstHour = Math.floorDiv(stepHour - lookbackHours, FORWARD_HOURS) * FORWARD_HOURS;
    prefix.clear();
    regionPrefix = null;
  }

  /** Expected incidents in the cell during [from, to). */
  double expected(String cell, long from, long to) {
    double[] p = prefixOf(cell);
    return at(p, to) - at(p, from);
  }

  /** Expected incidents in all region cells together during [from, to). */
  double regionExpected(long from, long to) {
    if (regionPrefix == null) {
      // summed in cell order: the same region gives the same bits however it came about
      regionPrefix = new double[blockHours + 1];
      region.stream().sorted().forEach(cell -> add(regionPrefix, prefixOf(cell)));
    }
    return at(regionPrefix, to) - at(regionPrefix, from);
  }

  /** The cell now holds incidents: outside the city, it counts towards the city total while it does. */
  void join(String cell) {
    if (region.add(cell)) {
      regionPrefix = null;
    }
  }

  /** The cell holds no incident any more. */
  void leave(String cell) {
    if (!city.contains(cell) && region.remove(cell)) {
      regionPrefix = null;
      prefix.remove(cell);
    }
  }

  private double[] prefixOf(String cell) {
    double[] p = prefix.get(cell);
    if (p == null) {
      if (firstHour == Long.MIN_VALUE) {
        throw new IllegalStateException("no step yet: call moveTo first");
      }
      p = new double[blockHours + 1];
      for (int i = 0; i < blockHours; i++) {
        long start = (firstHour + i) * HOUR;
        p[i + 1] = p[i] + baseline.expected(cell, Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + HOUR));
      }
      prefix.put(cell, p);
    }
    return p;
  }

  private double at(double[] p, long t) {
    long offset = t - firstHour * HOUR;
    int i = (int) (offset / HOUR);
    if (offset < 0 || i > blockHours || (i == blockHours && offset % HOUR != 0)) {
      throw new IllegalStateException(
          "instant " + Instant.ofEpochMilli(t) + " is outside the prefix block starting "
              + Instant.ofEpochMilli(firstHour * HOUR));
    }
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
