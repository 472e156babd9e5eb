package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.event.Polygon;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The board as a GeoJSON (RFC 7946) FeatureCollection: one Polygon feature per hotspot cell. */
public final class HotspotGeoJson {

  private HotspotGeoJson() {}

  public static FeatureCollection of(List<HotspotEvent> hotspots) {
    return new FeatureCollection("FeatureCollection", hotspots.stream().map(HotspotGeoJson::feature).toList());
  }

  private static Feature feature(HotspotEvent e) {
    Properties properties =
        new Properties(
            e.kind(),
            e.status(),
            e.hotspotId(),
            e.cellId(),
            e.resolution(),
            e.windowStart(),
            e.windowEnd(),
            e.observed(),
            e.expected(),
            e.pValue(),
            e.centroid(),
            e.categories(),
            e.incidentIds(),
            e.forecast(),
            e.meanSurprise(),
            e.explanation());
    return new Feature("Feature", e.cellId(), e.geometry(), properties);
  }

  /** A GeoJSON FeatureCollection of hotspot cells. */
  @Serdeable
  public record FeatureCollection(String type, List<Feature> features) {}

  /** One hotspot cell; {@code id} is the H3 cell address. */
  @Serdeable
  public record Feature(String type, String id, Polygon geometry, Properties properties) {}

  /** Every field of the {@link HotspotEvent} except its geometry. */
  @Serdeable
  public record Properties(
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
      Map<String, Long> categories,
      List<String> incidentIds,
      Map<String, Double> forecast,
      double meanSurprise,
      String explanation) {}
}
