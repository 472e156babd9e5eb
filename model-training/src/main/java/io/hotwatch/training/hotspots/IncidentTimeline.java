package io.hotwatch.training.hotspots;

import io.hotwatch.core.event.Incident;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** Incidents in time order with their cells, for counting any period in O(log n + incidents in it). */
final class IncidentTimeline {

  final long[] atMillis;
  final double[] latitude;
  final double[] longitude;
  final String[] cell;
  /** Index in the area, -1 outside it. */
  final int[] areaCell;

  IncidentTimeline(List<Incident> incidents, ForecastArea area) {
    List<Incident> sorted = incidents.stream().sorted((a, b) -> a.occurredAt().compareTo(b.occurredAt())).toList();
    int n = sorted.size();
    atMillis = new long[n];
    latitude = new double[n];
    longitude = new double[n];
    cell = new String[n];
    areaCell = new int[n];
    for (int i = 0; i < n; i++) {
      Incident incident = sorted.get(i);
      atMillis[i] = incident.occurredAt().toEpochMilli();
      latitude[i] = incident.latitude();
      longitude[i] = incident.longitude();
      cell[i] = area.cellOf(incident);
      areaCell[i] = area.indexOf(cell[i]);
    }
  }

  int size() {
    return atMillis.length;
  }

  Instant at(int i) {
    return Instant.ofEpochMilli(atMillis[i]);
  }

  /** Index of the first incident at or after {@code time}. */
  int firstAtOrAfter(Instant time) {
    long t = time.toEpochMilli();
    int i = Arrays.binarySearch(atMillis, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i > 0 && atMillis[i - 1] == t) {
      i--;
    }
    return i;
  }

  /** Incidents per area cell in [from, to). */
  int[] counts(Instant from, Instant to, int areaSize) {
    int[] counts = new int[areaSize];
    for (int i = firstAtOrAfter(from); i < atMillis.length && atMillis[i] < to.toEpochMilli(); i++) {
      if (areaCell[i] >= 0) {
        counts[areaCell[i]]++;
      }
    }
    return counts;
  }
}
