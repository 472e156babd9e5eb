package io.hotwatch.core.features;

import java.util.Arrays;

/**
 * The recent incidents of one H3 cell as the local-history features need them: id, occurrence time and category group,
 * oldest first, equal times in the order they were added.
 *
 * <p>Mutable, so that adding an incident or forgetting the oldest costs no copy of the cell: entries live in arrays
 * with room to spare at the end, and forgetting moves the start forward; the arrays are compacted or grown only when
 * the end is reached. Whoever keeps one in a store puts it back after changing it ({@link HistoryStore#putCell}).
 * The getters and setters of the raw arrays and bounds are for Flink's POJO serializer, which keeps the instance in
 * keyed state; the rest of the code uses the methods below, which index entries from 0, the oldest kept.
 */
public final class CellHistory {

  private static final int INITIAL_CAPACITY = 8;

  private String[] ids;
  private long[] times;
  private int[] groups;
  // entries are [start, end) of the arrays
  private int start;
  private int end;

  /** An empty history. */
  public CellHistory() {
    this(INITIAL_CAPACITY);
  }

  private CellHistory(int capacity) {
    ids = new String[capacity];
    times = new long[capacity];
    groups = new int[capacity];
  }

  /** Entries kept. */
  public int size() {
    return end - start;
  }

  public boolean isEmpty() {
    return end == start;
  }

  /** Id of entry {@code i} (0 is the oldest). */
  public String idAt(int i) {
    return ids[start + i];
  }

  /** Occurrence time of entry {@code i} in epoch milliseconds. */
  public long timeAt(int i) {
    return times[start + i];
  }

  /** Category group of entry {@code i}, an index into {@link LocalHistory#categories()}. */
  public int groupAt(int i) {
    return groups[start + i];
  }

  /** Occurrence time of the latest entry; {@link Long#MIN_VALUE} when empty. */
  public long latest() {
    return isEmpty() ? Long.MIN_VALUE : times[end - 1];
  }

  /** Index of the first entry at or after {@code millis}; {@link #size()} when there is none. */
  public int firstAtOrAfter(long millis) {
    int low = start;
    int high = end;
    while (low < high) {
      int mid = (low + high) >>> 1;
      boolean before = times[mid] < millis; // both bounds set each step: the JIT can do it without a jump
      low = before ? mid + 1 : low;
      high = before ? high : mid;
    }
    return low - start;
  }

  /**
   * Adds to {@code counts} the entries that occurred in [{@code longFrom}, {@code before}): one to
   * {@code counts[longOffset + group]} for each, and to {@code counts[shortOffset + group]} for those at or after
   * {@code shortFrom}. Returns how many there were in each window, the long one in the high 32 bits.
   */
  long addCounts(long longFrom, long shortFrom, long before, int[] counts, int shortOffset, int longOffset) {
    int longCount = 0;
    int shortCount = 0;
    for (int e = start + firstAtOrAfter(longFrom); e < end; e++) {
      long time = times[e];
      if (time >= before) {
        break;
      }
      int group = groups[e];
      counts[longOffset + group]++;
      longCount++;
      if (time >= shortFrom) {
        counts[shortOffset + group]++;
        shortCount++;
      }
    }
    return ((long) longCount << 32) | shortCount;
  }

  /** Index of the entry of {@code id}, the latest if there were several; -1 when there is none. */
  public int indexOf(String id) {
    for (int e = end - 1; e >= start; e--) {
      if (ids[e].equals(id)) {
        return e - start;
      }
    }
    return -1;
  }

  /** Adds an entry after every entry of the same or an earlier time. */
  public void add(String id, long time, int group) {
    if (end == ids.length) {
      makeRoom();
    }
    int at = end;
    while (at > start && times[at - 1] > time) {
      at--;
    }
    if (at < end) { // out of time order: the later entries move up one
      System.arraycopy(ids, at, ids, at + 1, end - at);
      System.arraycopy(times, at, times, at + 1, end - at);
      System.arraycopy(groups, at, groups, at + 1, end - at);
    }
    ids[at] = id;
    times[at] = time;
    groups[at] = group;
    end++;
  }

  /** Removes every entry of {@code id}; returns how many there were. */
  public int remove(String id) {
    int kept = start;
    for (int e = start; e < end; e++) {
      if (!ids[e].equals(id)) {
        ids[kept] = ids[e];
        times[kept] = times[e];
        groups[kept] = groups[e];
        kept++;
      }
    }
    int removed = end - kept;
    Arrays.fill(ids, kept, end, null);
    end = kept;
    return removed;
  }

  /** Forgets the {@code n} oldest entries. */
  public void dropOldest(int n) {
    if (n < 0 || n > size()) {
      throw new IllegalArgumentException("cannot drop " + n + " of " + size() + " entries");
    }
    Arrays.fill(ids, start, start + n, null); // the ids are not kept alive by the cell
    start += n;
    if (start == end) {
      start = 0;
      end = 0;
    }
  }

  /** At the arrays' end: moves the entries down when at least half the room is free before them, else grows. */
  private void makeRoom() {
    int size = size();
    if (start >= ids.length / 2) {
      System.arraycopy(ids, start, ids, 0, size);
      System.arraycopy(times, start, times, 0, size);
      System.arraycopy(groups, start, groups, 0, size);
      Arrays.fill(ids, size, end, null);
    } else {
      int capacity = Math.max(INITIAL_CAPACITY, ids.length + (ids.length >> 1));
      ids = Arrays.copyOfRange(ids, start, start + capacity);
      times = Arrays.copyOfRange(times, start, start + capacity);
      groups = Arrays.copyOfRange(groups, start, start + capacity);
    }
    start = 0;
    end = size;
  }

  // for Flink's POJO serializer

  public String[] getIds() {
    return ids;
  }

  public void setIds(String[] ids) {
    this.ids = ids;
  }

  public long[] getTimes() {
    return times;
  }

  public void setTimes(long[] times) {
    this.times = times;
  }

  public int[] getGroups() {
    return groups;
  }

  public void setGroups(int[] groups) {
    this.groups = groups;
  }

  public int getStart() {
    return start;
  }

  public void setStart(int start) {
    this.start = start;
  }

  public int getEnd() {
    return end;
  }

  public void setEnd(int end) {
    this.end = end;
  }

  /** Equal when the entries kept are, whatever room the arrays have. */
  @Override
  public boolean equals(Object other) {
    return other instanceof CellHistory h
        && Arrays.equals(ids, start, end, h.ids, h.start, h.end)
        && Arrays.equals(times, start, end, h.times, h.start, h.end)
        && Arrays.equals(groups, start, end, h.groups, h.start, h.end);
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int e = start; e < end; e++) {
      hash = 31 * (31 * (31 * hash + ids[e].hashCode()) + Long.hashCode(times[e])) + groups[e];
    }
    return hash;
  }

  @Override
  public String toString() {
    return "CellHistory" + Arrays.toString(Arrays.copyOfRange(times, start, end));
  }
}
