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
    final Map<String, HeldIncident> incidents = new LinkedHashMap<>();
    /** The cell's expectation prefix sums and the block they belong to, cached by the engine. */
    double[] prefix;
    long prefixBlock = Long.MIN_VALUE;

    CellCounts(String cell, int windows) {
      this.cell = cell;
      this.inWindow = new int[windows];
      this.slot = new int[windows];
      java.util.Arrays.fill(slot, -1);
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
  private final TreeMap<Long, Map<String, Integer>> buckets = new TreeMap<>();
  /** Per window, the cells with at least one incident in it: a list, because every step walks all of them. */
  private final List<CellCounts>[] active;
  private final long[] totals;
  private long step = Long.MIN_VALUE;

  @SuppressWarnings("unchecked")
  IncidentStore(EngineSettings settings, RegionListener region) {
    this.bucket = settings.bucket().toMillis();
    this.windows = settings.windows().stream().mapToLong(d -> d.toMillis()).toArray();
    this.region = region;
    this.active = new List[windows.length];
    for (int w = 0; w < windows.length; w++) {
      active[w] = new ArrayList<>();
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
    buckets.computeIfAbsent(bucketOf(incident.occurredAt()), b -> new HashMap<>()).merge(incident.cell(), 1, Integer::sum);
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
    Map<String, Integer> inBucket = buckets.get(b);
    if (inBucket.merge(held.cell(), -1, Integer::sum) == 0) {
      inBucket.remove(held.cell());
      if (inBucket.isEmpty()) {
        buckets.remove(b);
      }
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
        shift(w, buckets.get(s), 1);
        shift(w, buckets.get(s - windows[w]), -1);
      }
    }
    step = next;
  }

  /** Drops the incidents that occurred before {@code before}; returns their ids. */
  List<String> evictBefore(long before) {
    NavigableMap<Long, Map<String, Integer>> old = buckets.headMap(before, false);
    if (old.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (Map<String, Integer> inBucket : old.values()) {
      for (String cell : inBucket.keySet()) {
        for (HeldIncident incident : cells.get(cell).incidents.values()) {
          if (incident.occurredAt() < before) {
            ids.add(incident.id());
          }
        }
      }
    }
    // a cell in several old buckets lists its old incidents more than once
    List<String> distinct = ids.stream().distinct().toList();
    distinct.forEach(this::remove);
    return distinct;
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

  /** The incidents of the cells that occurred in [from, to), oldest first. */
  List<HeldIncident> incidentsIn(Collection<String> cellIds, long from, long to) {
    List<HeldIncident> found = new ArrayList<>();
    for (String cell : cellIds) {
      CellCounts counts = cells.get(cell);
      if (counts != null) {
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

  private void shift(int window, Map<String, Integer> inBucket, int sign) {
    if (inBucket != null) {
      for (Map.Entry<String, Integer> e : inBucket.entrySet()) {
        change(window, cells.get(e.getKey()), sign * e.getValue());
      }
    }
  }

  private void change(int window, CellCounts counts, int delta) {
    int before = counts.inWindow[window];
    counts.inWindow[window] = before + delta;
    totals[window] += delta;
    if (before == 0 && delta > 0) {
      counts.slot[window] = active[window].size();
      active[window].add(counts);
    } else if (counts.inWindow[window] == 0 && counts.slot[window] >= 0) {
      // swap the last one into its place: O(1)
      List<CellCounts> list = active[window];
      CellCounts last = list.remove(list.size() - 1);
      if (last != counts) {
        list.set(counts.slot[window], last);
        last.slot[window] = counts.slot[window];
      }
      counts.slot[window] = -1;
    }
  }

  private void recount() {
    for (int w = 0; w < windows.length; w++) {
      active[w].clear();
      totals[w] = 0;
    }
    for (CellCounts counts : cells.values()) {
      java.util.Arrays.fill(counts.inWindow, 0);
      java.util.Arrays.fill(counts.slot, -1);
    }
    for (HeldIncident incident : byId.values()) {
      countIfInWindows(cells.get(incident.cell()), incident.occurredAt(), 1);
    }
  }
}
