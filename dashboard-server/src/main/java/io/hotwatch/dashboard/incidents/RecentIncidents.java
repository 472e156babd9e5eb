package io.hotwatch.dashboard.incidents;

import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.dashboard.stream.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The latest scored incidents, for the snapshot of a client that asks for incidents: at most {@code limit}, none more
 * than {@code window} of event time behind the newest read; a re-report replaces its earlier version. Not
 * thread-safe: the stream calls it under its lock.
 */
public final class RecentIncidents {

  /** One incident with the scope its messages are filtered by. */
  public record Recent(IncidentScore incident, Scope scope) {}

  private static final Comparator<Recent> BY_TIME =
      Comparator.comparing((Recent r) -> r.incident().occurredAt()).thenComparing(r -> r.incident().incidentId());

  private final int limit;
  private final long windowMillis;
  private final TreeSet<Recent> byTime = new TreeSet<>(BY_TIME);
  private final Map<String, Recent> byId = new HashMap<>();
  private Instant newest;

  public RecentIncidents(IncidentSettings settings) {
    this.limit = settings.recentLimit();
    this.windowMillis = settings.recentWindow().toMillis();
  }

  public void put(IncidentScore incident, Scope scope) {
    Recent previous = byId.remove(incident.incidentId());
    if (previous != null) {
      byTime.remove(previous);
    }
    Recent recent = new Recent(incident, scope);
    byId.put(incident.incidentId(), recent);
    byTime.add(recent);
    if (newest == null || incident.occurredAt().isAfter(newest)) {
      newest = incident.occurredAt();
    }
    Instant oldestKept = newest.minusMillis(windowMillis);
    while (!byTime.isEmpty()
        && (byTime.size() > limit || byTime.first().incident().occurredAt().isBefore(oldestKept))) {
      byId.remove(byTime.pollFirst().incident().incidentId());
    }
  }

  /** The incidents kept, newest first. */
  public List<Recent> newestFirst() {
    return new ArrayList<>(byTime.descendingSet());
  }

  public int size() {
    return byTime.size();
  }
}
