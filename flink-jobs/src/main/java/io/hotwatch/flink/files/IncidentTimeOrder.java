package io.hotwatch.flink.files;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The order of times (epoch seconds and nanos) from earliest to latest, equal times kept in their given order.
 * Whole-second times (every data set's) are sorted as primitive keys, the seconds since the earliest above the
 * position, which is far cheaper than comparing objects; other times fall back to a stable sort of positions.
 */
final class IncidentTimeOrder {

  private IncidentTimeOrder() {}

  /** Positions {@code 0..n-1} ordered by ({@code seconds[i]}, {@code nanos[i]}), stable. */
  static int[] order(long[] seconds, int[] nanos) {
    int n = seconds.length;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    boolean wholeSeconds = true;
    for (int i = 0; i < n; i++) {
      min = Math.min(min, seconds[i]);
      max = Math.max(max, seconds[i]);
      wholeSeconds &= nanos[i] == 0;
    }
    int positionBits = n < 2 ? 1 : 64 - Long.numberOfLeadingZeros(n - 1);
    long span = max - min;
    if (!wholeSeconds || span < 0 || 64 - Long.numberOfLeadingZeros(span) > 63 - positionBits) {
      return stableOrder(seconds, nanos);
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (seconds[i] - min) << positionBits | i;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    long positionMask = (1L << positionBits) - 1;
    for (int i = 0; i < n; i++) {
      order[i] = (int) (keys[i] & positionMask);
    }
    return order;
  }

  private static int[] stableOrder(long[] seconds, int[] nanos) {
    Integer[] positions = new Integer[seconds.length];
    Arrays.setAll(positions, i -> i);
    Arrays.sort(positions, Comparator.<Integer>comparingLong(i -> seconds[i]).thenComparingInt(i -> nanos[i]));
    return Arrays.stream(positions).mapToInt(Integer::intValue).toArray();
  }
}
