package io.hotwatch.flink.files;

import io.hotwatch.core.event.Incident;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Sorts incidents by occurrence time, equal times kept in their given order. Whole-second times (every data set's)
 * are sorted as primitive keys, the seconds since the earliest above the position, which is far cheaper than
 * comparing objects; other times fall back to a stable sort of the objects.
 */
final class IncidentTimeOrder {

  private static final Comparator<Incident> BY_TIME = Comparator.comparing(Incident::occurredAt);

  private IncidentTimeOrder() {}

  static Incident[] sort(List<Incident> incidents) {
    Incident[] sorted = incidents.toArray(Incident[]::new);
    int n = sorted.length;
    if (n < 2) {
      return sorted;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Incident incident : sorted) {
      Instant at = incident.occurredAt();
      if (at.getNano() != 0) {
        Arrays.sort(sorted, BY_TIME); // stable
        return sorted;
      }
      min = Math.min(min, at.getEpochSecond());
      max = Math.max(max, at.getEpochSecond());
    }
    int positionBits = 64 - Long.numberOfLeadingZeros(n - 1);
    long span = max - min;
    if (span < 0 || 64 - Long.numberOfLeadingZeros(span) > 63 - positionBits) {
      Arrays.sort(sorted, BY_TIME);
      return sorted;
    }
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      keys[i] = (sorted[i].occurredAt().getEpochSecond() - min) << positionBits | i;
    }
    Arrays.sort(keys);
    Incident[] inOrder = new Incident[n];
    long positionMask = (1L << positionBits) - 1;
    for (int i = 0; i < n; i++) {
      inOrder[i] = sorted[(int) (keys[i] & positionMask)];
    }
    return inOrder;
  }
}
