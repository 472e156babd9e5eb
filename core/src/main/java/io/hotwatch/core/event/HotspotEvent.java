package io.hotwatch.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change in a spatial cell's hotspot state, published to the {@code hotspot-events} topic.
 *
 * <p>{@code status} is {@code "active"} while the cell's count in the sliding window is significantly above what its
 * baseline rate predicts, and {@code "cleared"} once a whole slide passes without that.
 *
 * @param kind always {@code "hotspot"}
 * @param status {@code "active"} or {@code "cleared"}
 * @param hotspotId stable id for one run of activity of one cell: cell id plus the end of its first active window
 * @param cellId H3 cell address (hex)
 * @param resolution H3 resolution of the cell
 * @param windowStart start of the counting window (inclusive)
 * @param windowEnd end of the counting window (exclusive); the event time of this event
 * @param observed incidents in the cell during the window
 * @param expected incidents the baseline rate predicts for the cell during the window
 * @param pValue Poisson upper-tail probability of at least {@code observed} given {@code expected}
 * @param centroid cell centre
 * @param geometry the cell as a GeoJSON polygon
 * @param categories incidents in the window by normalised category
 * @param incidentIds the contributing incidents, by their source ids
 * @param forecast the model's mean predicted probability per category over the window's incidents (top 3)
 * @param meanSurprise mean of -ln p(actual category) over the window's incidents
 * @param explanation one sentence a dispatcher can read
 */
public record HotspotEvent(
    String kind,
    String status,
    String hotspotId,
    String cellId,
    int resolution,
    Instant windowStart,
    Instant windowEnd,
    long observed,
    double expected,
    double pValue,
    GeoPoint centroid,
    Polygon geometry,
    Map<String, Long> categories,
    List<String> incidentIds,
    Map<String, Double> forecast,
    double meanSurprise,
    String explanation) {

  public static final String KIND = "hotspot";
  public static final String ACTIVE = "active";
  public static final String CLEARED = "cleared";
}
