package io.hotwatch.core.features;

import java.util.Arrays;

/**
 * The recent incidents of one H3 cell as the local-history features need them: id, occurrence time and category group,
 * oldest first, equal times in the order they were added.
 *
 * <p>Mutable, so that adding an incident or forgetting the oldest costs no copy of the cell: entries live in arrays
 * with room to spare at the end, and forgetting moves the start forward; the arrays are compacted or grown only when
 * the end is reached. Time and group share one long per entry ({@code time << GROUP_BITS | group}, which orders as
 * the time does), so that counting reads one array. Whoever keeps one in a store puts it back after changing it ({@link HistoryStore#putCell}).
 * The getters and setters of the raw arrays and bounds are for Flink's POJO serializer, which keeps the instance in
 * keyed state; the rest of the code uses the methods below, which index entries from 0, the oldest kept.
 */
public final class CellHistory {

  /** Bits of an entry that hold its group: {@link LocalHistory} takes at most this many categories. */
  static final int GROUP_BITS = 8;

  private static final int INITIAL_CAPACITY = 8;
  private static final long GROUP_MASK = (1L << GROUP_BITS) - 1;

  private String[] ids;
  private long[] entries;
  // entries are [start, end) of the arrays
  private int start;
  private int end;

  /** An empty history. */
  public CellHistory() {
    this(INITIAL_CAPACITY);
  }

  private CellHistory(int capacity) {
    ids = new String[capacity];
    entries = new long[capacity];
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
    return entries[start + i] >> GROUP_BITS;
  }

  /** Category group of entry {@code i}, an index into {@link LocalHistory#categories()}. */
  public int groupAt(int i) {
    return (int) (entries[start + i] & GROUP_MASK);
  }

  /** Occurrence time of the latest entry; {@link Long#MIN_VALUE} when empty. */
  public long latest() {
    return isEmpty() ? Long.MIN_VALUE : entries[end - 1] >> GROUP_BITS;
  }

  /** Index of the first entry at or after {@code millis}; {@link #size()} when there is none. */
  public int firstAtOrAfter(long millis) {
    return firstFrom(millis << GROUP_BITS) - start;
  }

  /** Index in the arrays of the first entry at or above {@code entry}; {@link #end} when there is none. */
  private int firstFrom(long entry) {
    int low = start;
    int high = end;
    while (low < high) {
      int mid = (low + high) >>> 1;
      boolean before = entries[mid] < entry; // both bounds set each step: the JIT can do it without a jump
      low = before ? mid + 1 : low;
      high = before ? high : mid;
    }
    return low;
  }

  /**
   * Adds to {@code counts} the entries that occurred in [{@code longFrom}, {@code before}): one to
   * {@code counts[longOffset + group]} for each, and to {@code counts[shortOffset + group]} for those at or after
   * {@code shortFrom}. Returns how many there were in each window, the long one in the high 32 bits.
   */
  long addCounts(long longFrom, long shortFrom, long before, int[] counts, int shortOffset, int longOffset) {
    int longCount = 0;
    int shortCount = 0;
    long shortFromEntry = shortFrom << GROUP_BITS;
    long beforeEntry = before << GROUP_BITS;
    for (int e = firstFrom(longFrom << GROUP_BITS); e < end; e++) {
      long entry = entries[e];
      if (entry >= beforeEntry) {
        break;
      }
      int group = (int) (entry & GROUP_MASK);
      counts[longOffset + group]++;
      longCount++;
      if (entry >= shortFromEntry) {
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
    if (group < 0 || group > GROUP_MASK) {
      throw new IllegalArgumentException("group " + group + " is outside [0, " + GROUP_MASK + "]");
    }
    if (end == ids.length) {
      makeRoom();
    }
    long entry = (time << GROUP_BITS) | group;
    long firstLater = (time + 1) << GROUP_BITS;
    int at = end;
    while (at > start && entries[at - 1] >= firstLater) {
      at--;
    }
    if (at < end) { // out of time order: the later entries move up one
      System.arraycopy(ids, at, ids, at + 1, end - at);
      System.arraycopy(entries, at, entries, at + 1, end - at);
    }
    ids[at] = id;
    entries[at] = entry;
    end++;
  }

  /** Removes every entry of {@code id}; returns how many there were. */
  public int remove(String id) {
    int kept = start;
    for (int e = start; e < end; e++) {
      if (!ids[e].equals(id)) {
        ids[kept] = ids[e];
        entries[kept] = entries[e];
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
      System.arraycopy(entries, start, entries, 0, size);
      Arrays.fill(ids, size, end, null);
    } else {
      int capacity = Math.max(INITIAL_CAPACITY, ids.length + (ids.length >> 1));
      ids = Arrays.copyOfRange(ids, start, start + capacity);
      entries = Arrays.copyOfRange(entries, start, start + capacity);
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

  public long[] getEntries() {
    return entries;
  }

  public void setEntries(long[] entries) {
    this.entries = entries;
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
        && Arrays.equals(entries, start, end, h.entries, h.start, h.end);
  }

  @Override
  public int hashCode() {
    int hash = 1;
    for (int e = start; e < end; e++) {
      hash = 31 * (31 * hash + ids[e].hashCode()) + Long.hashCode(entries[e]);
    }
    return hash;
  }

  @Override
  public String toString() {
    long[] times = new long[size()];
    Arrays.setAll(times, this::timeAt);
    return "CellHistory" + Arrays.toString(times);
  }
}
