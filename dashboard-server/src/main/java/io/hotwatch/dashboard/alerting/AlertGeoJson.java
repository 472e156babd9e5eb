package io.hotwatch.dashboard.alerting;

import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.event.Polygon;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Alert history entries as GeoJSON (RFC 7946): one Feature per hotspot revision, {@code id} the alert id
 * ({@code <hotspotId>:<revision>}), geometry the hotspot's cells (a MultiPolygon; a {@code closed} event shows its last
 * known cells, or null when none is held).
 */
public final class AlertGeoJson {

  private AlertGeoJson() {}

  public static FeatureCollection of(List<AlertRecord> records) {
    return new FeatureCollection("FeatureCollection", records.stream().map(AlertGeoJson::feature).toList());
  }

  public static Feature feature(AlertRecord record) {
    HotspotAlert a = record.alert();
    CapAssessment cap = CapAssessment.of(record);
    String id = record.id().toString();
    Properties properties = new Properties(
        id, a.hotspotId(), a.revision(), a.type(), a.source(), a.evaluatedAt(), a.windowStart(), a.windowEnd(),
        record.districts(), record.categories(), a.observed(), a.expected(), a.relativeRisk(), a.llr(), a.pValue(),
        a.recurrenceIntervalDays(), a.recurrenceIsLowerBound(), a.label(), a.explanation(), a.centroid(),
        a.resolution(), a.cells(), a.shape(), a.incidentIds(), a.forecast(), a.corroboration(),
        new Cap(cap.msgType(), cap.urgency(), cap.severity(), cap.certainty(), cap.categories()),
        "/api/alerts/" + id + "/cap");
    return new Feature("Feature", id, record.area(), properties);
  }

  /** A GeoJSON FeatureCollection of alerts. */
  @Serdeable
  public record FeatureCollection(String type, List<Feature> features) {}

  /** One hotspot revision. */
  @Serdeable
  public record Feature(String type, String id, @Nullable MultiPolygon geometry, Properties properties) {}

  /**
   * The event's fields (geometry apart) with what the alerting interfaces add: {@code alertId}, {@code districts},
   * {@code cap} (its CAP terms) and {@code capUrl}. Fields a {@code closed} event may leave out are null here, except
   * districts and categories, which it inherits from the hotspot's last known revision.
   */
  @Serdeable
  public record Properties(
      String alertId,
      String hotspotId,
      int revision,
      String type,
      @Nullable String source,
      Instant evaluatedAt,
      @Nullable Instant windowStart,
      @Nullable Instant windowEnd,
      List<District> districts,
      Map<String, Long> categories,
      long observed,
      double expected,
      double relativeRisk,
      double llr,
      double pValue,
      double recurrenceIntervalDays,
      boolean recurrenceIsLowerBound,
      @Nullable String label,
      @Nullable String explanation,
      @Nullable GeoPoint centroid,
      int resolution,
      @Nullable List<String> cells,
      @Nullable Polygon shape,
      @Nullable List<String> incidentIds,
      @Nullable Map<String, Double> forecast,
      @Nullable Corroboration corroboration,
      Cap cap,
      String capUrl) {}

  /** How the revision reads in CAP's terms (see the README's mapping). */
  @Serdeable
  public record Cap(String msgType, String urgency, String severity, String certainty, List<String> categories) {}
}
