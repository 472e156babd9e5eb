package io.hotwatch.training.hotspots;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The cells a forecast ranks: every H3 cell with at least one incident before the cut-off, in a fixed order. Incidents
 * after the cut-off in other cells are outside the area and outside every method's reach.
 */
final class ForecastArea {

  private final CellIndex cellIndex;
  private final List<String> cells;
  private final Map<String, Integer> indexOf = new HashMap<>();
  private final GeoPoint[] centres;
  private final int[][] neighbours;

  ForecastArea(List<Incident> incidents, Instant cutOff, int resolution) {
    this.cellIndex = new CellIndex(resolution);
    TreeSet<String> seen = new TreeSet<>();
    for (Incident i : incidents) {
      if (i.occurredAt().isBefore(cutOff)) {
        seen.add(cellIndex.cellOf(i.latitude(), i.longitude()));
      }
    }
    this.cells = List.copyOf(seen);
    this.centres = new GeoPoint[cells.size()];
    for (int c = 0; c < cells.size(); c++) {
      indexOf.put(cells.get(c), c);
      centres[c] = CellIndex.centroid(cells.get(c));
    }
    this.neighbours = new int[cells.size()][];
    for (int c = 0; c < cells.size(); c++) {
      String self = cells.get(c);
      neighbours[c] =
          CellIndex.disk(self, 1).stream().filter(n -> !n.equals(self)).mapToInt(this::indexOf).filter(n -> n >= 0)
              .toArray();
    }
  }

  int size() {
    return cells.size();
  }

  String cell(int index) {
    return cells.get(index);
  }

  GeoPoint centre(int index) {
    return centres[index];
  }

  /** Area indices of the cell's ring of six H3 neighbours that lie in the area. */
  int[] neighbours(int index) {
    return neighbours[index];
  }

  List<String> cells() {
    return cells;
  }

  int resolution() {
    return cellIndex.resolution();
  }

  String cellOf(Incident incident) {
    return cellIndex.cellOf(incident.latitude(), incident.longitude());
  }

  /** The cell's index in the area, or -1 outside it. */
  int indexOf(String cell) {
    return indexOf.getOrDefault(cell, -1);
  }

  /** Number of cells that make up {@code share} of the area (at least one). */
  int cellsFor(double share) {
    return Math.max(1, (int) Math.round(share * cells.size()));
  }
}
