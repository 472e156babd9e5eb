package io.hotwatch.dashboard.alerting;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.dashboard.board.HotspotEventListener;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every hotspot event the board applied, kept in memory for a retention of event time (counted back from the newest
 * event read) and up to a number of events, for the alert history, CAP documents and webhooks. The server reads the
 * topic from its start on every start, so the history is rebuilt as far back as the topic and the retention reach.
 */
@Singleton
public final class AlertHistory implements HotspotEventListener {

  private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);

  /** Newest evaluation first, then by hotspot id, then the later revision first: a stable order for listings. */
  public static final Comparator<AlertRecord> NEWEST_FIRST =
      Comparator.comparing((AlertRecord r) -> r.alert().evaluatedAt()).reversed()
          .thenComparing(r -> r.id().hotspotId())
          .thenComparing(r -> r.id().revision(), Comparator.reverseOrder());

  private final Duration retention;
  private final int maxEntries;
  private final PoliceDistricts districts;
  private final List<AlertRecordedListener> listeners;
  /** Oldest first, so that expiry takes from the front. */
  private final TreeSet<AlertRecord> byTime = new TreeSet<>(NEWEST_FIRST.reversed());
  private final Map<String, NavigableMap<Integer, AlertRecord>> byHotspot = new HashMap<>();
  private Instant newest = Instant.MIN;
  private long expired;

  @Inject
  public AlertHistory(AlertHistorySettings settings, PoliceDistricts districts, List<AlertRecordedListener> listeners) {
    this.retention = settings.retention();
    this.maxEntries = settings.maxEntries();
    this.districts = districts;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public synchronized void applied(HotspotAlert alert, int partition) {
    record(alert).ifPresent(this::tell);
  }

  /** Keeps one event; empty when it is already older than the retention or the same revision is held. */
  public synchronized Optional<AlertRecord> record(HotspotAlert alert) {
    if (alert.evaluatedAt().isAfter(newest)) {
      newest = alert.evaluatedAt();
    }
    Instant oldestKept = newest.minus(retention);
    if (alert.evaluatedAt().isBefore(oldestKept)) {
      expired++;
      return Optional.empty();
    }
    NavigableMap<Integer, AlertRecord> revisions = byHotspot.computeIfAbsent(alert.hotspotId(), id -> new TreeMap<>());
    if (revisions.containsKey(alert.revision())) {
      return Optional.empty();
    }
    AlertRecord record = resolve(alert, revisions);
    revisions.put(alert.revision(), record);
    byTime.add(record);
    while (!byTime.isEmpty()
        && (byTime.size() > maxEntries || byTime.first().alert().evaluatedAt().isBefore(oldestKept))) {
      forget(byTime.pollFirst());
    }
    // The cap on entries may have taken this very event, when it is older than all the others.
    return byTime.contains(record) ? Optional.of(record) : Optional.empty();
  }

  private AlertRecord resolve(HotspotAlert alert, NavigableMap<Integer, AlertRecord> revisions) {
    Map.Entry<Integer, AlertRecord> earlier = revisions.lowerEntry(alert.revision());
    MultiPolygon area = alert.geometry();
    List<District> where = alert.cells() == null || alert.cells().isEmpty()
        ? List.of() : districts.ofCells(alert.cells());
    Map<String, Long> categories = alert.categories() == null ? Map.of() : alert.categories();
    if (earlier != null) {
      AlertRecord last = earlier.getValue();
      area = area == null ? last.area() : area;
      where = where.isEmpty() ? last.districts() : where;
      categories = categories.isEmpty() ? last.categories() : categories;
    }
    return new AlertRecord(new AlertId(alert.hotspotId(), alert.revision()), alert, area, where, categories);
  }

  private void forget(AlertRecord record) {
    expired++;
    NavigableMap<Integer, AlertRecord> revisions = byHotspot.get(record.id().hotspotId());
    revisions.remove(record.id().revision());
    if (revisions.isEmpty()) {
      byHotspot.remove(record.id().hotspotId());
    }
  }

  private void tell(AlertRecord record) {
    for (AlertRecordedListener listener : listeners) {
      try {
        listener.recorded(record, earlier(record.id()));
      } catch (RuntimeException e) {
        LOG.error("Listener {} failed on alert {}", listener.getClass().getSimpleName(), record.id(), e);
      }
    }
  }

  /** One revision, if still held. */
  public synchronized Optional<AlertRecord> get(AlertId id) {
    NavigableMap<Integer, AlertRecord> revisions = byHotspot.get(id.hotspotId());
    return revisions == null ? Optional.empty() : Optional.ofNullable(revisions.get(id.revision()));
  }

  /** The same hotspot's revisions before this one still held, oldest first. */
  public synchronized List<AlertRecord> earlier(AlertId id) {
    NavigableMap<Integer, AlertRecord> revisions = byHotspot.get(id.hotspotId());
    return revisions == null ? List.of() : List.copyOf(revisions.headMap(id.revision(), false).values());
  }

  /** The events matching the query, newest evaluation first (see {@link #NEWEST_FIRST}). */
  public synchronized List<AlertRecord> find(AlertQuery query) {
    List<AlertRecord> found = new ArrayList<>(Math.min(query.limit(), 64));
    for (AlertRecord record : byTime.descendingSet()) {
      if (query.from() != null && record.alert().evaluatedAt().isBefore(query.from())) {
        break;
      }
      if (query.matches(record)) {
        found.add(record);
        if (found.size() == query.limit()) {
          break;
        }
      }
    }
    return found;
  }

  /** Events held now. */
  public synchronized int size() {
    return byTime.size();
  }

  /** Events dropped for age or number since start. */
  public synchronized long expired() {
    return expired;
  }
}
