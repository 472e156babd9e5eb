package io.hotwatch.core.hotspot;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The incidents the engine holds, by id, by cell and by 5-minute bucket, with each cell's count in every window
 * [step - length, step) kept up to date incrementally: an incident changes the counts of its own cell only, and a step
 * moves each window by the buckets entering and leaving it, so a step costs work in proportion to those incidents.
 */
final class IncidentStore {

  /** A cell's incidents and its counts per window. */
  static final class CellCounts {
    final String cell;
    final int[] inWindow;
    /** Position in each window's active list, or -1 when not in it. */
    final int[] slot;
    /** Position in each window's busy list, or -1 when not in it. */
    final int[] busySlot;
    /** The store's change number at the last incident added to the cell. */
    long lastAdded;
    /** The latest occurrence time of any incident added to the cell while it was held (removals leave it). */
    long newest = Long.MIN_VALUE;
    final Map<String, HeldIncident> incidents = new LinkedHashMap<>();
    /** The cell's expectation prefix sums and the block they belong to, cached by the engine. */
    double[] prefix;
    long prefixBlock = Long.MIN_VALUE;

    CellCounts(String cell, int windows) {
      this.cell = cell;
      this.inWindow = new int[windows];
      this.slot = new int[windows];
      this.busySlot = new int[windows];
      java.util.Arrays.fill(slot, -1);
      java.util.Arrays.fill(busySlot, -1);
    }
  }

  /**
   * One bucket of time: its incidents, for eviction without looking at younger ones, and how many each cell holds,
   * by the cell's counts themselves so that moving a window needs no lookup by cell id. A bucket holds a handful of
   * cells, so they sit in two short arrays searched in order: cheaper to walk, at every step, than a map.
   */
  private static final class Bucket {
    CellCounts[] cells = new CellCounts[4];
    int[] perCell = new int[4];
    int size;
    final Map<String, HeldIncident> incidents = new HashMap<>();

    int indexOf(CellCounts counts) {
      for (int i = 0; i < size; i++) {
        if (cells[i] == counts) {
          return i;
        }
      }
      return -1;
    }

    void add(CellCounts counts) {
      int i = indexOf(counts);
      if (i < 0) {
        if (size == cells.length) {
          cells = java.util.Arrays.copyOf(cells, size * 2);
          perCell = java.util.Arrays.copyOf(perCell, size * 2);
        }
        i = size++;
        cells[i] = counts;
        perCell[i] = 0; // the slot may hold the count of a cell that left it
      }
      perCell[i]++;
    }

    void remove(CellCounts counts) {
      int i = indexOf(counts);
      if (--perCell[i] == 0) {
        size--;
        cells[i] = cells[size];
        perCell[i] = perCell[size];
        cells[size] = null;
        perCell[size] = 0;
      }
    }
  }

  /** Told when a cell starts or stops holding incidents. */
  interface RegionListener {
    void joined(String cell);

    void left(String cell);
  }

  private final long bucket;
  private final long[] windows;
  private final RegionListener region;
  private final Map<String, HeldIncident> byId = new HashMap<>();
  private final Map<String, CellCounts> cells = new HashMap<>();
  /** Buckets in time order, for eviction; {@link #bucketAt} finds one without walking the tree. */
  private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
  private final Map<Long, Bucket> bucketAt = new HashMap<>();
  /** Per window, the cells with at least one incident in it: a list, because every step walks all of them. */
  private final List<CellCounts>[] active;
  /**
   * Per window, the cells with at least {@link #busyMin} incidents in it: the only ones the scan's pre-screen can
   * pass, so a scan walks these instead of every active cell.
   */
  private final List<CellCounts>[] busy;
  private final int busyMin;
  /** Counts the incidents added, so that a cell can tell whether any joined it since some moment. */
  private long changes;
  private final long[] totals;
  private long step = Long.MIN_VALUE;

  @SuppressWarnings("unchecked")
  IncidentStore(EngineSettings settings, RegionListener region) {
    this.bucket = settings.bucket().toMillis();
    this.windows = settings.windows().stream().mapToLong(d -> d.toMillis()).toArray();
    this.region = region;
    this.busyMin = settings.prescreenMinCount();
    this.active = new List[windows.length];
    this.busy = new List[windows.length];
    for (int w = 0; w < windows.length; w++) {
      active[w] = new ArrayList<>();
      busy[w] = new ArrayList<>();
    }
    this.totals = new long[windows.length];
  }

  /** Adds an incident, replacing the version held under the same id; returns the replaced version or null. */
  HeldIncident add(HeldIncident incident) {
    HeldIncident previous = remove(incident.id());
    byId.put(incident.id(), incident);
    CellCounts counts = cells.get(incident.cell());
    if (counts == null) {
      counts = new CellCounts(incident.cell(), windows.length);
      cells.put(incident.cell(), counts);
      region.joined(incident.cell());
    }
    counts.incidents.put(incident.id(), incident);
    counts.lastAdded = ++changes;
    counts.newest = Math.max(counts.newest, incident.occurredAt());
    long b = bucketOf(incident.occurredAt());
    Bucket inBucket = bucketAt.get(b);
    if (inBucket == null) {
      inBucket = new Bucket();
      buckets.put(b, inBucket);
      bucketAt.put(b, inBucket);
    }
    inBucket.add(counts);
    inBucket.incidents.put(incident.id(), incident);
    countIfInWindows(counts, incident.occurredAt(), 1);
    return previous;
  }

  /** Removes the incident held under the id; returns it, or null when none is held. */
  HeldIncident remove(String id) {
    HeldIncident held = byId.remove(id);
    if (held == null) {
      return null;
    }
    CellCounts counts = cells.get(held.cell());
    counts.incidents.remove(id);
    long b = bucketOf(held.occurredAt());
    Bucket inBucket = bucketAt.get(b);
    inBucket.remove(counts);
    inBucket.incidents.remove(id);
    if (inBucket.incidents.isEmpty()) {
      buckets.remove(b);
      bucketAt.remove(b);
    }
    countIfInWindows(counts, held.occurredAt(), -1);
    if (counts.incidents.isEmpty()) {
      cells.remove(held.cell());
      region.left(held.cell());
    }
    return held;
  }

  /** Moves every window to end at {@code next}; the first call counts from scratch. */
  void advance(long next) {
    if (step == Long.MIN_VALUE || next < step) {
      step = next;
      recount();
      return;
    }
    for (long s = step; s < next; s += bucket) {
      for (int w = 0; w < windows.length; w++) {
        shift(w, bucketAt.get(s), 1);
        shift(w, bucketAt.get(s - windows[w]), -1);
      }
    }
    step = next;
  }

  /** Drops the incidents that occurred before {@code before}; returns their ids. */
  List<String> evictBefore(long before) {
    NavigableMap<Long, Bucket> old = buckets.headMap(before, false);
    if (old.isEmpty()) {
      return List.of();
    }
    // steps and windows are whole buckets: a bucket that starts before it holds only incidents from before it
    List<String> ids = new ArrayList<>();
    for (Bucket inBucket : old.values()) {
      ids.addAll(inBucket.incidents.keySet());
    }
    ids.forEach(this::remove);
    return ids;
  }

  long step() {
    return step;
  }

  int count(int window, String cell) {
    CellCounts counts = cells.get(cell);
    return counts == null ? 0 : counts.inWindow[window];
  }

  long total(int window) {
    return totals[window];
  }

  /** Cells with at least one incident in the window. */
  List<String> active(int window) {
    return active[window].stream().map(c -> c.cell).toList();
  }

  /** The counts of the cells with at least one incident in the window. */
  List<CellCounts> activeCounts(int window) {
    return active[window];
  }

  /** The counts of the cells with at least {@link #busyMin()} incidents in the window. */
  List<CellCounts> busyCounts(int window) {
    return busy[window];
  }

  int busyMin() {
    return busyMin;
  }

  /** The number of incidents added so far (a moment to compare {@link CellCounts#lastAdded} with). */
  long changes() {
    return changes;
  }

  CellCounts cell(String cell) {
    return cells.get(cell);
  }

  HeldIncident get(String id) {
    return byId.get(id);
  }

  Collection<HeldIncident> incidents() {
    return byId.values();
  }

  boolean isEmpty() {
    return byId.isEmpty();
  }

  long windowMillis(int window) {
    return windows[window];
  }

  /**
   * The incidents of the cells that occurred in [from, to), oldest first. Walks either the cells' incidents or the
   * buckets of [from, to), whichever holds fewer: a cell holds a week of incidents, an hour's buckets a handful.
   */
  List<HeldIncident> incidentsIn(Collection<String> cellIds, long from, long to) {
    List<HeldIncident> found = new ArrayList<>();
    long inCells = 0;
    List<CellCounts> held = new ArrayList<>(cellIds.size());
    for (String cell : cellIds) {
      CellCounts counts = cells.get(cell);
      if (counts != null) {
        held.add(counts);
        inCells += counts.incidents.size();
      }
    }
    long bucketsToWalk = (to - from) / bucket + 1;
    if (bucketsToWalk < inCells) {
      for (long b = bucketOf(from); b < to; b += bucket) {
        Bucket inBucket = bucketAt.get(b);
        if (inBucket == null) {
          continue;
        }
        for (CellCounts counts : held) {
          if (inBucket.indexOf(counts) >= 0) {
            for (HeldIncident incident : inBucket.incidents.values()) {
              if (incident.cell().equals(counts.cell) && incident.occurredAt() >= from && incident.occurredAt() < to) {
                found.add(incident);
              }
            }
          }
        }
      }
    } else {
      for (CellCounts counts : held) {
        for (HeldIncident incident : counts.incidents.values()) {
          if (incident.occurredAt() >= from && incident.occurredAt() < to) {
            found.add(incident);
          }
        }
      }
    }
    found.sort((a, b) -> a.occurredAt() != b.occurredAt() ? Long.compare(a.occurredAt(), b.occurredAt())
        : a.id().compareTo(b.id()));
    return found;
  }

  private long bucketOf(long t) {
    return Math.floorDiv(t, bucket) * bucket;
  }

  private void countIfInWindows(CellCounts counts, long occurredAt, int delta) {
    if (step == Long.MIN_VALUE) {
      return;
    }
    for (int w = 0; w < windows.length; w++) {
      if (occurredAt < step && occurredAt >= step - windows[w]) {
        change(w, counts, delta);
      }
    }
  }

  private void shift(int window, Bucket inBucket, int sign) {
    if (inBucket != null) {
      for (int i = 0; i < inBucket.size; i++) {
        change(window, inBucket.cells[i], sign * inBucket.perCell[i]);
      }
    }
  }

  private void change(int window, CellCounts counts, int delta) {
    int before = counts.inWindow[window];
    int after = before + delta;
    counts.inWindow[window] = after;
    totals[window] += delta;
    if (before == 0 && after > 0) {
      counts.slot[window] = active[window].size();
      active[window].add(counts);
    } else if (after == 0 && counts.slot[window] >= 0) {
      counts.slot[window] = unlist(active[window], counts.slot[window], counts, c -> c.slot, window);
    }
    if (before < busyMin && after >= busyMin) {
      counts.busySlot[window] = busy[window].size();
      busy[window].add(counts);
    } else if (after < busyMin && counts.busySlot[window] >= 0) {
      counts.busySlot[window] = unlist(busy[window], counts.busySlot[window], counts, c -> c.busySlot, window);
    }
  }

  /** Takes the cell out of a list by swapping the last one into its place (O(1)); returns -1, its new slot. */
  private static int unlist(
      List<CellCounts> list, int at, CellCounts counts, java.util.function.Function<CellCounts, int[]> slots,
      int window) {
    CellCounts last = list.remove(list.size() - 1);
    if (last != counts) {
      list.set(at, last);
      slots.apply(last)[window] = at;
    }
    return -1;
  }

  private void recount() {
    for (int w = 0; w < windows.length; w++) {
      active[w].clear();
      busy[w].clear();
      totals[w] = 0;
    }
    for (CellCounts counts : cells.values()) {
      java.util.Arrays.fill(counts.inWindow, 0);
      java.util.Arrays.fill(counts.slot, -1);
      java.util.Arrays.fill(counts.busySlot, -1);
    }
    for (HeldIncident incident : byId.values()) {
      countIfInWindows(cells.get(incident.cell()), incident.occurredAt(), 1);
    }
  }
}
