package io.hotwatch.core.features;

import java.util.Arrays;

/**
 * The recent incidents of one H3 cell as the local-history features need them: id, occurrence time and category group,
 * oldest first. Immutable: every change gives a new instance, so a copy kept in state never changes under a reader.
 *
 * @param ids incident ids, one per entry
 * @param times occurrence times in epoch milliseconds, ascending (equal times in the order they were recorded)
 * @param groups category group of each entry, an index into {@link LocalHistory#categories()}
 */
public record CellHistory(String[] ids, long[] times, int[] groups) {

  public static final CellHistory EMPTY = new CellHistory(new String[0], new long[0], new int[0]);

  public CellHistory {
    if (ids.length != times.length || times.length != groups.length) {
      throw new IllegalArgumentException(
          "cell history has " + ids.length + " ids, " + times.length + " times and " + groups.length + " groups");
    }
  }

  public int size() {
    return times.length;
  }

  /** This history with one more entry, placed after every entry of the same or an earlier time. */
  public CellHistory with(String id, long time, int group) {
    int at = times.length;
    while (at > 0 && times[at - 1] > time) {
      at--;
    }
    return new CellHistory(inserted(ids, at, id), inserted(times, at, time), inserted(groups, at, group));
  }

  /** This history without the entries of {@code id}; the same instance when it has none. */
  public CellHistory without(String id) {
    int kept = 0;
    for (String each : ids) {
      kept += each.equals(id) ? 0 : 1;
    }
    return kept == ids.length ? this : filtered(kept, i -> !ids[i].equals(id));
  }

  /** This history without the entries that occurred before {@code millis}; the same instance when there are none. */
  public CellHistory since(long millis) {
    int first = 0;
    while (first < times.length && times[first] < millis) {
      first++;
    }
    if (first == 0) {
      return this;
    }
    return new CellHistory(
        Arrays.copyOfRange(ids, first, ids.length), Arrays.copyOfRange(times, first, times.length),
        Arrays.copyOfRange(groups, first, groups.length));
  }

  /** Occurrence time of the latest entry; {@link Long#MIN_VALUE} when empty. */
  public long latest() {
    return times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
  }

  private CellHistory filtered(int kept, java.util.function.IntPredicate keep) {
    String[] i2 = new String[kept];
    long[] t2 = new long[kept];
    int[] g2 = new int[kept];
    int j = 0;
    for (int i = 0; i < ids.length; i++) {
      if (keep.test(i)) {
        i2[j] = ids[i];
        t2[j] = times[i];
        g2[j] = groups[i];
        j++;
      }
    }
    return new CellHistory(i2, t2, g2);
  }

  private static String[] inserted(String[] values, int at, String value) {
    String[] out = new String[values.length + 1];
    System.arraycopy(values, 0, out, 0, at);
    out[at] = value;
    System.arraycopy(values, at, out, at + 1, values.length - at);
    return out;
  }

  private static long[] inserted(long[] values, int at, long value) {
    long[] out = new long[values.length + 1];
    System.arraycopy(values, 0, out, 0, at);
    out[at] = value;
    System.arraycopy(values, at, out, at + 1, values.length - at);
    return out;
  }

  private static int[] inserted(int[] values, int at, int value) {
    int[] out = new int[values.length + 1];
    System.arraycopy(values, 0, out, 0, at);
    out[at] = value;
    System.arraycopy(values, at, out, at + 1, values.length - at);
    return out;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CellHistory h
        && Arrays.equals(ids, h.ids) && Arrays.equals(times, h.times) && Arrays.equals(groups, h.groups);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(ids) + Arrays.hashCode(times)) + Arrays.hashCode(groups);
  }

  @Override
  public String toString() {
    return "CellHistory" + Arrays.toString(times);
  }
}
