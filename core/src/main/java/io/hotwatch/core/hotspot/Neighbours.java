package io.hotwatch.core.hotspot;

import io.hotwatch.core.geo.CellIndex;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The six H3 neighbours of a cell, cached: a city has a few thousand cells and the scan asks for them every step. */
final class Neighbours {

  private static final int LIMIT = 100_000;

  private final Map<String, List<String>> cache = new HashMap<>();

  List<String> of(String cell) {
    List<String> found = cache.get(cell);
    if (found == null) {
      if (cache.size() >= LIMIT) {
        cache.clear();
      }
      found = CellIndex.disk(cell, 1).stream().filter(c -> !c.equals(cell)).toList();
      cache.put(cell, found);
    }
    return found;
  }
}
