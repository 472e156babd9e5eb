package io.hotwatch.dashboard.board;

import io.hotwatch.core.event.HotspotEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The hotspots active right now, one per H3 cell, as told by the {@code hotspot-events} topic. */
@Singleton
public final class HotspotBoard {

  /** Newest window first; ties broken by cell so that the order is stable. */
  public static final Comparator<HotspotEvent> NEWEST_FIRST =
      Comparator.comparing(HotspotEvent::windowEnd).reversed().thenComparing(HotspotEvent::cellId);

  private final Duration retention;
  private final Map<String, Entry> byCell = new HashMap<>();
  /** Newest window end seen per source partition: each partition is read in order, but not in step with the others. */
  private final Map<Integer, Instant> newestByPartition = new HashMap<>();

  @Inject
  public HotspotBoard(BoardSettings settings) {
    this(settings.retention());
  }

  public HotspotBoard(Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention " + retention + " must be positive");
    }
    this.retention = retention;
  }

  /** Applies one event from a source with a single partition. */
  public Update apply(HotspotEvent event) {
    return apply(event, 0);
  }

  /**
   * Applies one event read from the given partition of the source: {@code active} adds or replaces its cell's entry,
   * {@code cleared} removes it. An event older than the cell's current entry is stale and ignored.
   *
   * <p>Entries whose window ended more than the retention before the newest event read from their partition are
   * swept away, in case their {@code cleared} event never comes. The sweep never judges the event being applied: an
   * event that arrives late (partitions, and the writers sharing one, are not read in step) is still applied and
   * told, and goes at a later sweep if no newer event of its cell replaces it. Retention is measured per partition
   * so that a partition read ahead of the others (a fast replay, a backlog after a restart) ages nothing of theirs.
   */
  public synchronized Update apply(HotspotEvent event, int partition) {
    Instant newest = newestByPartition.merge(partition, event.windowEnd(), (a, b) -> a.isAfter(b) ? a : b);
    boolean changed = false;
    Entry current = byCell.get(event.cellId());
    boolean stale = current != null && event.windowEnd().isBefore(current.event().windowEnd());
    if (!stale) {
      if (HotspotEvent.ACTIVE.equals(event.status())) {
        byCell.put(event.cellId(), new Entry(event, partition));
        changed = true;
      } else if (HotspotEvent.CLEARED.equals(event.status())) {
        changed = byCell.remove(event.cellId()) != null;
      }
    }
    List<String> expired = expireBefore(partition, newest.minus(retention), event.cellId());
    return new Update(changed, expired);
  }

  private List<String> expireBefore(int partition, Instant oldestKept, String appliedCell) {
    List<String> expired = new ArrayList<>();
    for (Iterator<Entry> it = byCell.values().iterator(); it.hasNext(); ) {
      Entry entry = it.next();
      if (entry.partition() == partition
          && entry.event().windowEnd().isBefore(oldestKept)
          && !entry.event().cellId().equals(appliedCell)) {
        expired.add(entry.event().cellId());
        it.remove();
      }
    }
    return expired;
  }

  /** The active hotspots, newest window first. */
  public synchronized List<HotspotEvent> current() {
    List<HotspotEvent> hotspots = new ArrayList<>(byCell.size());
    byCell.values().forEach(entry -> hotspots.add(entry.event()));
    hotspots.sort(NEWEST_FIRST);
    return hotspots;
  }

  public synchronized int size() {
    return byCell.size();
  }

  /** The latest window end of any event applied so far, over all partitions. */
  public synchronized Optional<Instant> newestEventTime() {
    return newestByPartition.values().stream().max(Instant::compareTo);
  }

  private record Entry(HotspotEvent event, int partition) {}

  /**
   * What one event did to the board.
   *
   * @param changed the event's own cell entry was added, replaced or removed
   * @param expiredCells other cells dropped because their windows fell out of the retention
   */
  public record Update(boolean changed, List<String> expiredCells) {}
}
