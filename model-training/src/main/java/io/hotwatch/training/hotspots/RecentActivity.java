package io.hotwatch.training.hotspots;

import java.time.Duration;
import java.util.Arrays;

/**
 * Exponentially decayed incident counts per area cell at one time scale: an incident {@code t} before the asking time
 * weighs 0.5^(t / half-life). Each cell decays lazily, when it is touched or asked, so taking in an incident is O(1).
 */
final class RecentActivity {

  private final double halfLifeMillis;
  private final double[] count;
  private final long[] asOfMillis;

  RecentActivity(Duration halfLife, int areaSize) {
    if (halfLife.isNegative() || halfLife.isZero()) {
      throw new IllegalArgumentException("half-life " + halfLife + " must be positive");
    }
    this.halfLifeMillis = halfLife.toMillis();
    this.count = new double[areaSize];
    this.asOfMillis = new long[areaSize];
    Arrays.fill(asOfMillis, Long.MIN_VALUE);
  }

  Duration halfLife() {
    return Duration.ofMillis((long) halfLifeMillis);
  }

  /** Counts an incident in an area cell; incidents come in time order. */
  void observe(int areaCell, long atMillis) {
    count[areaCell] = decayedTo(areaCell, atMillis) + 1;
    asOfMillis[areaCell] = atMillis;
  }

  /** The cell's decayed count at a time no earlier than its last incident. */
  double at(int areaCell, long atMillis) {
    return decayedTo(areaCell, atMillis);
  }

  private double decayedTo(int areaCell, long atMillis) {
    if (count[areaCell] == 0) {
      return 0;
    }
    if (atMillis < asOfMillis[areaCell]) {
      throw new IllegalArgumentException("asked at " + atMillis + ", before the cell's last incident");
    }
    return count[areaCell] * Math.pow(0.5, (atMillis - asOfMillis[areaCell]) / halfLifeMillis);
  }
}
