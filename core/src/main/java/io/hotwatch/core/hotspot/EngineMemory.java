package io.hotwatch.core.hotspot;

import java.util.List;
import java.util.Map;

/**
 * What the engine carries from one step to the next apart from its incidents: enough, with the incidents, to rebuild
 * it after a restore.
 *
 * @param lastStep the last evaluated step, epoch milliseconds, or {@link Long#MIN_VALUE} before the first
 * @param hotspots the open hotspots, oldest first
 * @param cellsLastHot per cell, the last step it belonged to an open hotspot (kept for the cell memory only)
 */
public record EngineMemory(long lastStep, List<OpenHotspot> hotspots, Map<String, Long> cellsLastHot) {

  public static final EngineMemory EMPTY = new EngineMemory(Long.MIN_VALUE, List.of(), Map.of());

  public boolean isEmpty() {
    return hotspots.isEmpty() && cellsLastHot.isEmpty();
  }
}
