package io.hotwatch.dashboard.board;

import io.hotwatch.core.event.HotspotAlert;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotspots open right now, one per {@code hotspotId}, as told by the {@code hotspot-events} topic; each shows the
 * latest revision applied.
 */
@Singleton
public final class HotspotBoard {

  private static final Logger LOG = LoggerFactory.getLogger(HotspotBoard.class);

  /** Latest event first; ties broken by id so that the order is stable. */
  public static final Comparator<HotspotAlert> NEWEST_FIRST =
      Comparator.comparing(HotspotAlert::evaluatedAt).reversed().thenComparing(HotspotAlert::hotspotId);

  private final Duration retention;
  private final List<HotspotEventListener> listeners;
  private final Map<String, Entry> open = new HashMap<>();
  /** Closed hotspots' last revision, so that a repeat of one of their events cannot bring them back. */
  private final Map<String, Entry> closed = new HashMap<>();
  /** Newest event time seen per source partition: each partition is read in order, but not in step with the others. */
  private final Map<Integer, Instant> newestByPartition = new HashMap<>();
  private long ignored;

  @Inject
  public HotspotBoard(BoardSettings settings, List<HotspotEventListener> listeners) {
    this(settings.retention(), listeners);
  }

  public HotspotBoard(Duration retention) {
    this(retention, List.of());
  }

  public HotspotBoard(Duration retention, List<HotspotEventListener> listeners) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention " + retention + " must be positive");
    }
    this.retention = retention;
    this.listeners = List.copyOf(listeners);
  }

  /** Applies one event from a source with a single partition. */
  public Update apply(HotspotAlert alert) {
    return apply(alert, 0);
  }

  /**
   * Applies one event read from the given partition of the source: {@code opened} and {@code updated} put it on the
   * board in place of its hotspot's previous revision, {@code closed} takes the hotspot off. An event whose revision
   * is not above the latest one applied for its hotspot (a repeat: delivery is at least once, and a restarted writer
   * writes again what it wrote since its last checkpoint) is ignored, also after the hotspot has closed.
   *
   * <p>Hotspots, open or closed, whose latest event is more than the retention older than the newest event read from
   * their partition are swept away: an open one in case its {@code closed} event never comes, a closed one because a
   * repeat that late is not expected. The sweep never judges the event being applied: an event that arrives late
   * (partitions, and the writers sharing one, are not read in step) is still applied and told, and goes at a later
   * sweep if no newer event of its hotspot replaces it. Retention is measured per partition so that a partition read
   * ahead of the others (a fast replay, a backlog after a restart) ages nothing of theirs.
   */
  public synchronized Update apply(HotspotAlert alert, int partition) {
    Instant newest = newestByPartition.merge(partition, alert.evaluatedAt(), (a, b) -> a.isAfter(b) ? a : b);
    String id = alert.hotspotId();
    Entry known = open.containsKey(id) ? open.get(id) : closed.get(id);
    Outcome outcome;
    if (known != null && alert.revision() <= known.alert().revision()) {
      ignored++;
      outcome = Outcome.IGNORED;
    } else if (HotspotAlert.CLOSED.equals(alert.type())) {
      outcome = open.remove(id) != null ? Outcome.REMOVED : Outcome.NOT_SHOWN;
      closed.put(id, new Entry(alert, partition));
    } else {
      closed.remove(id);
      outcome = open.put(id, new Entry(alert, partition)) == null ? Outcome.ADDED : Outcome.REPLACED;
    }
    if (outcome != Outcome.IGNORED) {
      tell(alert, partition);
    }
    Instant oldestKept = newest.minus(retention);
    List<HotspotAlert> expired = sweep(open, partition, oldestKept, id);
    sweep(closed, partition, oldestKept, id);
    return new Update(outcome, expired);
  }

  private void tell(HotspotAlert alert, int partition) {
    for (HotspotEventListener listener : listeners) {
      try {
        listener.applied(alert, partition);
      } catch (RuntimeException e) {
        // A failing listener costs its own view of this event, never the board's or another listener's.
        LOG.error("Listener {} failed on revision {} of hotspot {}", listener.getClass().getSimpleName(),
            alert.revision(), alert.hotspotId(), e);
      }
    }
  }

  private static List<HotspotAlert> sweep(
      Map<String, Entry> entries, int partition, Instant oldestKept, String appliedId) {
    List<HotspotAlert> swept = new ArrayList<>();
    entries.values().removeIf(entry -> {
      boolean old = entry.partition() == partition
          && entry.alert().evaluatedAt().isBefore(oldestKept)
          && !entry.alert().hotspotId().equals(appliedId);
      if (old) {
        swept.add(entry.alert());
      }
      return old;
    });
    return swept;
  }

  /** The open hotspots, latest event first. */
  public synchronized List<HotspotAlert> current() {
    List<HotspotAlert> hotspots = new ArrayList<>(open.size());
    open.values().forEach(entry -> hotspots.add(entry.alert()));
    hotspots.sort(NEWEST_FIRST);
    return hotspots;
  }

  /** Open hotspots. */
  public synchronized int size() {
    return open.size();
  }

  /** Events ignored because their hotspot already had that revision or a later one. */
  public synchronized long ignored() {
    return ignored;
  }

  /** The latest evaluation time of any event applied so far, over all partitions. */
  public synchronized Optional<Instant> newestEventTime() {
    return newestByPartition.values().stream().max(Instant::compareTo);
  }

  private record Entry(HotspotAlert alert, int partition) {}

  /** What an event did to its own hotspot. */
  public enum Outcome {
    /** A hotspot not on the board before. */
    ADDED,
    /** A newer revision of a hotspot on the board. */
    REPLACED,
    /** The closing of a hotspot on the board. */
    REMOVED,
    /** The closing of a hotspot the board did not show (its earlier events were swept or never read). */
    NOT_SHOWN,
    /** A revision already applied, or older than one applied. */
    IGNORED;

    /** The board shows something else now, so viewers must be told. */
    public boolean changed() {
      return this == ADDED || this == REPLACED || this == REMOVED;
    }
  }

  /**
   * What one event did to the board.
   *
   * @param outcome what happened to the event's own hotspot
   * @param expired the latest revision of each other open hotspot dropped because it fell out of the retention
   */
  public record Update(Outcome outcome, List<HotspotAlert> expired) {

    /** The ids of the {@link #expired} hotspots. */
    public List<String> expiredHotspots() {
      return expired.stream().map(HotspotAlert::hotspotId).toList();
    }

    public boolean changed() {
      return outcome.changed();
    }
  }
}
