package io.hotwatch.core.features;

import io.hotwatch.core.geo.CellIndex;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each H3 cell with the cells within a number of steps of it, asked of H3 once per cell and then kept: a city's
 * incidents fall in a few thousand cells, and asking H3 for a ring costs more than all the counting around it.
 * Thread-safe.
 */
public final class CellRings {

  /** Rings kept at most; beyond that the cache starts again empty, which bounds it for any input. */
  static final int MAX_CELLS = 1 << 15;

  private final int steps;
  private final ConcurrentHashMap<Long, long[]> rings = new ConcurrentHashMap<>();

  /** Rings of the cells within {@code steps} of each cell. */
  public CellRings(int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("a ring of " + steps + " steps is not one");
    }
    this.steps = steps;
  }

  /** The cell and the cells around it, in H3's order; shared, so the caller must not change the array. */
  public long[] around(long cell) {
    long[] ring = rings.get(cell);
    if (ring == null) {
      ring = CellIndex.disk(cell, steps);
      if (rings.size() >= MAX_CELLS) {
        rings.clear();
      }
      rings.put(cell, ring);
    }
    return ring;
  }

  /** Cells whose rings are kept. */
  int size() {
    return rings.size();
  }
}
