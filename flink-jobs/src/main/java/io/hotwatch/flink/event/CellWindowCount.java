package io.hotwatch.flink.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What happened in one H3 cell during one sliding window.
 *
 * @param cellId H3 cell address (hex)
 * @param windowStart start of the window (inclusive)
 * @param windowEnd end of the window (exclusive)
 * @param observed number of incidents in the cell during the window
 * @param categories incidents per normalised category name
 * @param incidentIds source ids of the incidents, in arrival order
 * @param meanForecast the model's mean probability per category over the window's incidents
 * @param meanSurprise mean of -ln p(actual category) over the window's incidents
 */
public record CellWindowCount(
    String cellId,
    Instant windowStart,
    Instant windowEnd,
    long observed,
    Map<String, Long> categories,
    List<String> incidentIds,
    Map<String, Double> meanForecast,
    double meanSurprise) {}
