package io.hotwatch.flink.event;

import java.time.Instant;

/**
 * Detector state of a cell that is currently a hotspot.
 *
 * @param hotspotId id of the run: cell id plus the end of its first active window
 * @param clearAt event time at which the run clears unless another window is significant first: the end of its
 *     latest significant window plus one window length
 * @param latest the cell's most recent window, significant or not
 * @param latestExpected the baseline's expected count for {@code latest}
 * @param latestPValue the Poisson upper tail of {@code latest}
 */
public record HotspotRun(
    String hotspotId, Instant clearAt, CellWindowCount latest, double latestExpected, double latestPValue) {

  public HotspotRun withLatest(CellWindowCount window, double expected, double pValue) {
    return new HotspotRun(hotspotId, clearAt, window, expected, pValue);
  }
}
