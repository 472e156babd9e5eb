package io.hotwatch.flink.functions;

import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.flink.event.IncidentInArea;
import io.hotwatch.flink.event.IncidentInCell;
import java.util.LinkedHashSet;
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

  private final int areaResolution;

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
    String home = areaOf(cell);
    out.collect(new IncidentInArea(home, cell, placed.incident(), true));
    Set<String> others = new LinkedHashSet<>();
    for (String around : CellIndex.disk(cell, LocalHistory.RING)) {
      others.add(areaOf(around));
    }
    others.remove(home);
    for (String area : others) {
      out.collect(new IncidentInArea(area, cell, placed.incident(), false));
    }
  }
}
