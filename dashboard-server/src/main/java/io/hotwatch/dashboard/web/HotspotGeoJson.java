package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.event.Polygon;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The board as a GeoJSON (RFC 7946) FeatureCollection: one MultiPolygon feature per open hotspot. */
public final class HotspotGeoJson {

  private HotspotGeoJson() {}

  public static FeatureCollection of(List<HotspotAlert> hotspots) {
    return new FeatureCollection("FeatureCollection", hotspots.stream().map(HotspotGeoJson::feature).toList());
  }

  private static Feature feature(HotspotAlert a) {
    Properties properties =
        new Properties(
            a.kind(),
            a.type(),
            a.hotspotId(),
            a.revision(),
            a.source(),
            a.evaluatedAt(),
            a.windowStart(),
            a.windowEnd(),
            a.shape(),
            a.centroid(),
            a.resolution(),
            a.cells(),
            a.observed(),
            a.expected(),
            a.relativeRisk(),
            a.llr(),
            a.pValue(),
            a.recurrenceIntervalDays(),
            a.recurrenceIsLowerBound(),
            a.categories(),
            a.incidentIds(),
            a.forecast(),
            a.label(),
            a.explanation());
    return new Feature("Feature", a.hotspotId(), a.geometry(), properties);
  }

  /** A GeoJSON FeatureCollection of hotspots. */
  @Serdeable
  public record FeatureCollection(String type, List<Feature> features) {}

  /** One hotspot; {@code id} is its {@code hotspotId}, the geometry its cells. */
  @Serdeable
  public record Feature(String type, String id, MultiPolygon geometry, Properties properties) {}

  /** Every field of the {@link HotspotAlert} except its geometry; {@code shape} stays a nested GeoJSON Polygon. */
  @Serdeable
  public record Properties(
      String kind,
      String type,
      String hotspotId,
      int revision,
      @Nullable String source,
      Instant evaluatedAt,
      Instant windowStart,
      Instant windowEnd,
      @Nullable Polygon shape,
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
      String explanation) {}
}
