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
  private final Map<String, HotspotEvent> byCell = new HashMap<>();
  private Instant newestEventTime;

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

  /**
   * Applies one event: {@code active} adds or replaces its cell's entry, {@code cleared} removes it. An event older
   * than the cell's current entry is stale and ignored, and so is an {@code active} event already past the
   * retention. Entries whose window ended more than the retention before
   * the newest event time seen are dropped, in case their {@code cleared} event never comes.
   */
  public synchronized Update apply(HotspotEvent event) {
    if (newestEventTime == null || event.windowEnd().isAfter(newestEventTime)) {
      newestEventTime = event.windowEnd();
    }
    Instant oldestKept = newestEventTime.minus(retention);
    boolean changed = false;
    HotspotEvent current = byCell.get(event.cellId());
    boolean stale = current != null && event.windowEnd().isBefore(current.windowEnd());
    if (!stale) {
      if (HotspotEvent.ACTIVE.equals(event.status())) {
        if (!event.windowEnd().isBefore(oldestKept)) {
          byCell.put(event.cellId(), event);
          changed = true;
        }
      } else if (HotspotEvent.CLEARED.equals(event.status())) {
        changed = byCell.remove(event.cellId()) != null;
      }
    }
    List<String> expired = expireBefore(oldestKept);
    return new Update(changed, expired);
  }

  private List<String> expireBefore(Instant oldestKept) {
    List<String> expired = new ArrayList<>();
    for (Iterator<HotspotEvent> it = byCell.values().iterator(); it.hasNext(); ) {
      HotspotEvent entry = it.next();
      if (entry.windowEnd().isBefore(oldestKept)) {
        expired.add(entry.cellId());
        it.remove();
      }
    }
    return expired;
  }

  /** The active hotspots, newest window first. */
  public synchronized List<HotspotEvent> current() {
    List<HotspotEvent> hotspots = new ArrayList<>(byCell.values());
    hotspots.sort(NEWEST_FIRST);
    return hotspots;
  }

  public synchronized int size() {
    return byCell.size();
  }

  /** The latest window end of any event applied so far (the board's notion of "now"). */
  public synchronized Optional<Instant> newestEventTime() {
    return Optional.ofNullable(newestEventTime);
  }

  /**
   * What one event did to the board.
   *
   * @param changed the event's own cell entry was added, replaced or removed
   * @param expiredCells other cells dropped because their windows fell out of the retention
   */
  public record Update(boolean changed, List<String> expiredCells) {}
}
