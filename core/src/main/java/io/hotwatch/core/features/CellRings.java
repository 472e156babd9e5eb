package io.hotwatch.core.features;

import io.hotwatch.core.geo.CellIndex;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cells of one H3 resolution as the keys the local history keeps them under, and each cell's ring of neighbours,
 * asked of H3 once per cell and then kept: a city's incidents fall in a few thousand cells, and asking H3 for a ring
 * costs more than all the counting around it. Thread-safe.
 *
 * <p>A key is the cell's 64-bit H3 index without its unused digits: at resolution r the 3 (15 - r) lowest bits of
 * every index are ones, so dropping them loses nothing, and the bits a hash map looks at first become the cell's
 * finest digits. Nearby H3 indexes themselves differ mostly in bits that {@link Long#hashCode} folds into a few values,
 * and a map keyed by them ends up searching long chains.
 */
final class CellRings {

  /** Rings kept at most; beyond that the cache starts again empty, which bounds it for any input. */
  static final int MAX_CELLS = 1 << 15;

  private final int unusedBits;
  private final int steps;
  private final ConcurrentHashMap<Long, long[]> rings = new ConcurrentHashMap<>();

  /** Cells of H3 {@code resolution}, rings of the cells within {@code steps} of each. */
  CellRings(int resolution, int steps) {
    if (steps < 0) {
      throw new IllegalArgumentException("a ring of " + steps + " steps is not one");
    }
    this.unusedBits = 3 * (15 - resolution);
    this.steps = steps;
  }

  long keyOf(long cell) {
    return cell >>> unusedBits;
  }

  long cellOf(long key) {
    return (key << unusedBits) | ((1L << unusedBits) - 1);
  }

  /** Keys of the cell and of the cells around it, in H3's order; shared, so the caller must not change the array. */
  long[] around(long key) {
    long[] ring = rings.get(key);
    if (ring == null) {
      ring = CellIndex.disk(cellOf(key), steps);
      for (int i = 0; i < ring.length; i++) {
        ring[i] = keyOf(ring[i]);
      }
      if (rings.size() >= MAX_CELLS) {
        rings.clear();
      }
      rings.put(key, ring);
    }
    return ring;
  }

  /** Cells whose rings are kept. */
  int size() {
    return rings.size();
  }
}
