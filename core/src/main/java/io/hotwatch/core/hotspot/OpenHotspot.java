package io.hotwatch.core.hotspot;

import java.util.List;

/**
 * An open hotspot as the engine remembers it between steps (and in a checkpoint).
 *
 * @param hotspotId stable id
 * @param revision revision of the last event published
 * @param openedAt step it opened at, epoch milliseconds
 * @param windowMillis window length of its current cluster
 * @param cells its current cells, sorted
 * @param reportedIds incident ids of the last event published, sorted
 * @param reportedDecade floor(log10(recurrence interval in days)) of the last event published
 * @param llrHistory its LLR at each step since it opened, newest last, at most {@link #HISTORY} entries
 * @param openedAs its label when it opened: {@code new} or {@code sporadic}
 */
public record OpenHotspot(
    String hotspotId,
    int revision,
    long openedAt,
    long windowMillis,
    List<String> cells,
    List<String> reportedIds,
    int reportedDecade,
    List<Double> llrHistory,
    String openedAs) {

  /** Steps of LLR history kept: one hour at 5-minute steps, and the current one. */
  public static final int HISTORY = 13;
}
