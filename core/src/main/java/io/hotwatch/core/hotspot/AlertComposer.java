package io.hotwatch.core.hotspot;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a scored cluster and the incidents in it into the published {@link HotspotAlert}. */
final class AlertComposer {

  private static final int FORECAST_SIZE = 3;
  private static final CrimeCategory[] CATEGORIES = CrimeCategory.values();

  private final String source;
  private final int resolution;
  private final IncidentShape shape;
  private final Calibration calibration;

  AlertComposer(String source, int resolution, EngineSettings settings, Calibration calibration) {
    this.source = source;
    this.resolution = resolution;
    this.shape = new IncidentShape(settings.shapeRadiusMetres(), settings.shapeMinPoints());
    this.calibration = calibration;
  }

  HotspotAlert compose(
      String type, String hotspotId, int revision, long step, ScanCluster cluster, List<HeldIncident> incidents,
      String label) {
    long windowStart = step - cluster.windowMillis();
    double pValue = calibration.pValue(cluster.llr());
    double recurrence = calibration.recurrenceDays(pValue);
    Map<String, Long> categories = categories(incidents);
    long observed = incidents.size();
    boolean atLimit = pValue <= calibration.smallestPValue();
    String explanation =
        Explanation.of(
            type, observed, categories, cluster.cells().size(), cluster.windowMillis(), step, cluster.expected(),
            cluster.cityLevel(), recurrence, atLimit);
    return new HotspotAlert(
        HotspotAlert.KIND, type, hotspotId, revision, source, Instant.ofEpochMilli(step),
        Instant.ofEpochMilli(windowStart), Instant.ofEpochMilli(step), CellIndex.outline(cluster.cells()),
        shape.outline(incidents), centroid(incidents, cluster.cells()), resolution, cluster.cells(), observed,
        cluster.expected(), cluster.relativeRisk(), cluster.llr(), pValue, recurrence, atLimit, categories,
        incidents.stream().map(HeldIncident::id).toList(), forecast(incidents), label, explanation, null);
  }

  /** Counts by category, most frequent first. */
  private static Map<String, Long> categories(List<HeldIncident> incidents) {
    Map<String, Long> counts = new HashMap<>();
    incidents.forEach(i -> counts.merge(i.category(), 1L, Long::sum));
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** Mean model probability per category over the incidents, the top three, highest first. */
  private static Map<String, Double> forecast(List<HeldIncident> incidents) {
    double[] sums = new double[CATEGORIES.length];
    int scored = 0;
    for (HeldIncident incident : incidents) {
      float[] p = incident.probabilities();
      if (p != null && p.length > 0) {
        for (int c = 0; c < Math.min(p.length, sums.length); c++) {
          sums[c] += p[c];
        }
        scored++;
      }
    }
    Map<String, Double> top = new LinkedHashMap<>();
    if (scored == 0) {
      return top;
    }
    int n = scored;
    java.util.stream.IntStream.range(0, sums.length)
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(c -> -sums[c]).thenComparing(c -> c))
        .limit(FORECAST_SIZE)
        .forEach(c -> top.put(CATEGORIES[c].name(), sums[c] / n));
    return top;
  }

  private static GeoPoint centroid(List<HeldIncident> incidents, List<String> cells) {
    double lat = 0;
    double lon = 0;
    if (incidents.isEmpty()) {
      for (String cell : cells) {
        GeoPoint c = CellIndex.centroid(cell);
        lat += c.lat();
        lon += c.lon();
      }
      return new GeoPoint(lat / cells.size(), lon / cells.size());
    }
    for (HeldIncident incident : incidents) {
      lat += incident.latitude();
      lon += incident.longitude();
    }
    return new GeoPoint(lat / incidents.size(), lon / incidents.size());
  }
}
