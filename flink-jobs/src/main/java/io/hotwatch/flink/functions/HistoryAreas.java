package io.hotwatch.flink.functions;

import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.flink.event.IncidentInArea;
import io.hotwatch.flink.event.IncidentInCell;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Sends each incident to the area of its cell, to be scored there, and to every other area one of the six cells around
 * it falls in, to join the local history there: keyed by area, every scorer instance then sees every incident of the
 * cells it scores and of their neighbours, whatever the parallelism. Most incidents go to one area; next to an area's
 * edge, to two or three.
 */
public final class HistoryAreas implements FlatMapFunction<IncidentInCell, IncidentInArea> {

  private static final long serialVersionUID = 1L;

  /**
   * Areas are this many H3 resolutions above the cells: about 36 km² for cells of resolution 8, some 20 areas over
   * Chicago, enough keys for a few parallel scorers and few enough that most neighbours share their area.
   */
  public static final int AREA_STEPS = 2;

  /** Cells whose areas are kept at most; beyond that the cache starts again empty, which bounds it for any input. */
  static final int MAX_CELLS_KEPT = 1 << 15;

  private final int areaResolution;
  // per cell: its own area first, then the other areas its ring falls in; H3's native calls cost more than the rest
  private transient Map<String, String[]> areasOfCell;

  /** For cells of H3 {@code resolution} (at least {@value #AREA_STEPS}). */
  public HistoryAreas(int resolution) {
    if (resolution < AREA_STEPS) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " has no area " + AREA_STEPS + " levels up");
    }
    this.areaResolution = resolution - AREA_STEPS;
  }

  /** The area a cell is scored in. */
  public String areaOf(String cell) {
    return CellIndex.parentOf(cell, areaResolution);
  }

  @Override
  public void flatMap(IncidentInCell placed, Collector<IncidentInArea> out) {
    String cell = placed.cellId();
    String[] areas = areasOf(cell);
    out.collect(new IncidentInArea(areas[0], cell, placed.incident(), true));
    for (int i = 1; i < areas.length; i++) {
      out.collect(new IncidentInArea(areas[i], cell, placed.incident(), false));
    }
  }

  /** The cell's own area, then the other areas of its ring in the order H3 lists the ring. */
  private String[] areasOf(String cell) {
    if (areasOfCell == null) {
      areasOfCell = new HashMap<>();
    }
    String[] areas = areasOfCell.get(cell);
    if (areas == null) {
      Set<String> all = new LinkedHashSet<>();
      all.add(areaOf(cell));
      for (String around : CellIndex.disk(cell, LocalHistory.RING)) {
        all.add(areaOf(around));
      }
      areas = all.toArray(String[]::new);
      if (areasOfCell.size() >= MAX_CELLS_KEPT) {
        areasOfCell.clear();
      }
      areasOfCell.put(cell, areas);
    }
    return areas;
  }
}
