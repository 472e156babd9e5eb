package io.hotwatch.core.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One step in the life of a space-time hotspot, published to the {@code hotspot-events} topic: {@code opened} when a
 * cluster of cells first becomes significant, {@code updated} when an incident joins it or its score crosses a step,
 * {@code closed} when it falls below the closing threshold. {@code hotspotId} stays the same over the whole life, and
 * {@code revision} counts its events from 0, so a consumer can drop a repeat of one it has already shown.
 *
 * @param kind always {@code "hotspot"}
 * @param type {@code "opened"}, {@code "updated"} or {@code "closed"}
 * @param hotspotId stable id of this hotspot over its life
 * @param revision 0 for {@code opened}, then one more for each later event of the same hotspot
 * @param source data source of the incidents (for example {@code "chicago"})
 * @param evaluatedAt the evaluation step (event time) this event was decided at
 * @param windowStart start of the counting window (inclusive)
 * @param windowEnd end of the counting window (exclusive)
 * @param geometry the cluster's cells as a GeoJSON MultiPolygon; every counted incident lies inside it
 * @param shape the outline (convex hull) of the densest group of its incidents found by DBSCAN, or null when there is
 *     none
 * @param centroid mean position of the counted incidents
 * @param resolution H3 resolution of the cells
 * @param cells H3 cell addresses (hex) of the cluster
 * @param observed incidents counted in the cluster's cells during the window
 * @param expected incidents the baseline predicts there during the window
 * @param relativeRisk (observed / expected) inside against the same ratio outside, Kulldorff's relative risk
 * @param llr Kulldorff's Poisson log-likelihood ratio of the cluster
 * @param pValue the chance of a cluster scoring at least {@code llr} anywhere in the city at one evaluation step
 *     under the baseline alone, calibrated on simulated history
 * @param recurrenceIntervalDays how often, in days, a cluster this strong happens by chance
 * @param recurrenceIsLowerBound true when the cluster is stronger than every simulated step of the calibration, so
 *     that {@code pValue} and {@code recurrenceIntervalDays} are bounds set by the calibration's length: "less than
 *     once every N days" (false when absent)
 * @param categories counted incidents by normalised category
 * @param incidentIds the counted incidents, by their source's own ids
 * @param forecast the model's likely next categories there: mean predicted probability, top 3, highest first
 * @param label emerging-hotspot label: {@code new}, {@code intensifying}, {@code persistent}, {@code diminishing} or
 *     {@code sporadic}
 * @param explanation one sentence a dispatcher can read
 * @param corroboration relevant geotagged social posts in its cells during its window; absent (not written) when the
 *     job reads no social posts
 */
public record HotspotAlert(
    String kind,
    String type,
    String hotspotId,
    int revision,
    String source,
    Instant evaluatedAt,
    Instant windowStart,
    Instant windowEnd,
    MultiPolygon geometry,
    Polygon shape,
    GeoPoint centroid,
    int resolution,
    List<String> cells,
    long observed,
    double expected,
    double relativeRisk,
    double llr,
    double pValue,
    double recurrenceIntervalDays,
    boolean recurrenceIsLowerBound,
    Map<String, Long> categories,
    List<String> incidentIds,
    Map<String, Double> forecast,
    String label,
    String explanation,
    @JsonInclude(JsonInclude.Include.NON_NULL) Corroboration corroboration) {

  public static final String KIND = "hotspot";
  public static final String OPENED = "opened";
  public static final String UPDATED = "updated";
  public static final String CLOSED = "closed";

  /** The same event with its social-post corroboration. */
  public HotspotAlert withCorroboration(Corroboration found) {
    return new HotspotAlert(
        kind, type, hotspotId, revision, source, evaluatedAt, windowStart, windowEnd, geometry, shape, centroid,
        resolution, cells, observed, expected, relativeRisk, llr, pValue, recurrenceIntervalDays,
        recurrenceIsLowerBound, categories, incidentIds, forecast, label, explanation, found);
  }

  /** Emerging-hotspot labels. */
  public static final List<String> LABELS = List.of("new", "intensifying", "persistent", "diminishing", "sporadic");
}
