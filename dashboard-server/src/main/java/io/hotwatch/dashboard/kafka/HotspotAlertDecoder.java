package io.hotwatch.dashboard.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.event.Polygon;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads {@link HotspotAlert}s from the topic's JSON with the project's Jackson configuration and rejects what the board
 * and the map could not show truthfully: every rejection names the field and the value.
 *
 * <p>An {@code opened} or {@code updated} event must carry the whole hotspot. A {@code closed} event needs only what
 * identifies it ({@code kind}, {@code type}, {@code hotspotId}, {@code revision}, {@code evaluatedAt}); whatever else
 * it carries must still be valid.
 */
public final class HotspotAlertDecoder {

  private static final List<String> TYPES = List.of(HotspotAlert.OPENED, HotspotAlert.UPDATED, HotspotAlert.CLOSED);
  private static final List<String> IDENTITY = List.of("kind", "type", "hotspotId", "revision", "evaluatedAt");
  /** Required unless closed; the primitive ones would otherwise read as 0 when absent. */
  private static final List<String> BODY =
      List.of(
          "windowStart", "windowEnd", "geometry", "centroid", "resolution", "cells", "observed", "expected",
          "relativeRisk", "llr", "pValue", "recurrenceIntervalDays", "categories", "incidentIds", "forecast", "label",
          "explanation");

  private final ObjectMapper mapper = EventCodec.newObjectMapper();

  public HotspotAlert decode(String json) throws InvalidRecordException {
    if (json == null || json.isBlank()) {
      throw new InvalidRecordException("record is empty");
    }
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("malformed JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new InvalidRecordException("record is not a JSON object");
    }
    requirePresent(node, IDENTITY);
    String type = node.get("type").asText();
    if (!TYPES.contains(type)) {
      throw new InvalidRecordException("type '" + type + "' is not one of " + String.join(", ", TYPES));
    }
    boolean whole = !HotspotAlert.CLOSED.equals(type);
    if (whole) {
      requirePresent(node, BODY);
    }
    HotspotAlert alert;
    try {
      alert = mapper.treeToValue(node, HotspotAlert.class);
    } catch (JsonMappingException e) {
      throw new InvalidRecordException("field '" + fieldOf(e) + "': " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("malformed JSON: " + e.getOriginalMessage());
    }
    new Checks(alert, whole, node.hasNonNull("resolution")).run();
    return alert;
  }

  private static void requirePresent(JsonNode node, List<String> fields) throws InvalidRecordException {
    for (String field : fields) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        throw new InvalidRecordException("field '" + field + "' is missing");
      }
    }
  }

  private static String fieldOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** The checks of one decoded alert; {@code whole} is false for a closed event, whose body fields may be absent. */
  private record Checks(HotspotAlert alert, boolean whole, boolean hasResolution) {

    void run() throws InvalidRecordException {
      identity();
      if (whole || alert.windowStart() != null && alert.windowEnd() != null) {
        if (!alert.windowStart().isBefore(alert.windowEnd())) {
          throw new InvalidRecordException(
              "windowStart " + alert.windowStart() + " is not before windowEnd " + alert.windowEnd());
        }
      }
      if (alert.geometry() != null) {
        geometry(alert.geometry());
      }
      if (alert.shape() != null) {
        polygon("shape", alert.shape().type(), "Polygon", alert.shape().coordinates());
      }
      if (alert.centroid() != null) {
        centroid(alert.centroid());
      }
      if (alert.cells() != null && hasResolution) {
        cells(alert.resolution(), alert.cells());
      }
      if (whole) {
        counts();
        scores();
        evidence();
      }
    }

    private void identity() throws InvalidRecordException {
      if (!HotspotAlert.KIND.equals(alert.kind())) {
        throw new InvalidRecordException("kind '" + alert.kind() + "' is not '" + HotspotAlert.KIND + "'");
      }
      if (alert.hotspotId().isBlank()) {
        throw new InvalidRecordException("field 'hotspotId' is blank");
      }
      boolean opened = HotspotAlert.OPENED.equals(alert.type());
      if (opened && alert.revision() != 0) {
        throw new InvalidRecordException("revision " + alert.revision() + " of type 'opened' is not 0");
      }
      if (!opened && alert.revision() < 1) {
        throw new InvalidRecordException(
            "revision " + alert.revision() + " of type '" + alert.type() + "' is not at least 1");
      }
    }

    private static void geometry(MultiPolygon geometry) throws InvalidRecordException {
      if (!MultiPolygon.TYPE.equals(geometry.type())) {
        throw new InvalidRecordException("geometry type '" + geometry.type() + "' is not '" + MultiPolygon.TYPE + "'");
      }
      List<List<List<List<Double>>>> polygons = geometry.coordinates();
      if (polygons == null || polygons.isEmpty()) {
        throw new InvalidRecordException("geometry has no polygons: " + polygons);
      }
      for (int i = 0; i < polygons.size(); i++) {
        polygon("geometry polygon " + i, "Polygon", "Polygon", polygons.get(i));
      }
    }

    private static void polygon(String what, String type, String wanted, List<List<List<Double>>> rings)
        throws InvalidRecordException {
      if (!wanted.equals(type)) {
        throw new InvalidRecordException(what + " type '" + type + "' is not '" + wanted + "'");
      }
      if (rings == null || rings.isEmpty()) {
        throw new InvalidRecordException(what + " has no rings: " + rings);
      }
      for (List<List<Double>> ring : rings) {
        if (ring == null || ring.size() < 4) {
          throw new InvalidRecordException(what + " has a ring of fewer than 4 positions: " + ring);
        }
        for (List<Double> position : ring) {
          if (position == null
              || position.size() < 2
              || !inRange(position.get(0), 180)
              || !inRange(position.get(1), 90)) {
            throw new InvalidRecordException(what + " position " + position + " is not a [longitude, latitude] pair");
          }
        }
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
          throw new InvalidRecordException(
              what + " ring is not closed: " + ring.get(0) + " ... " + ring.get(ring.size() - 1));
        }
      }
    }

    private static void centroid(GeoPoint centroid) throws InvalidRecordException {
      if (!inRange(centroid.lat(), 90)) {
        throw new InvalidRecordException("centroid lat " + centroid.lat() + " is outside [-90, 90]");
      }
      if (!inRange(centroid.lon(), 180)) {
        throw new InvalidRecordException("centroid lon " + centroid.lon() + " is outside [-180, 180]");
      }
    }

    private static void cells(int resolution, List<String> cells) throws InvalidRecordException {
      if (cells.isEmpty()) {
        throw new InvalidRecordException("field 'cells' is empty");
      }
      for (String cell : cells) {
        if (!isCellAt(cell, resolution)) {
          throw new InvalidRecordException("cell '" + cell + "' is not an H3 cell address at resolution " + resolution);
        }
      }
    }

    private static boolean isCellAt(String cell, int resolution) {
      if (cell == null || cell.isBlank()) {
        return false;
      }
      try {
        return CellIndex.resolutionOf(cell) == resolution;
      } catch (IllegalArgumentException e) {
        return false; // not hexadecimal
      }
    }

    private void counts() throws InvalidRecordException {
      if (alert.observed() < 0) {
        throw new InvalidRecordException("observed " + alert.observed() + " is negative");
      }
      if (alert.incidentIds().size() != alert.observed()) {
        throw new InvalidRecordException(
            "incidentIds lists " + alert.incidentIds().size() + " incidents but observed is " + alert.observed());
      }
      for (String id : alert.incidentIds()) {
        if (id == null || id.isBlank()) {
          throw new InvalidRecordException("incidentIds holds a blank id: " + alert.incidentIds());
        }
      }
      long categorised = 0;
      for (Map.Entry<String, Long> category : alert.categories().entrySet()) {
        if (category.getValue() == null || category.getValue() < 0) {
          throw new InvalidRecordException(
              "categories count " + category.getValue() + " of '" + category.getKey() + "' is not a count >= 0");
        }
        categorised += category.getValue();
      }
      if (categorised != alert.observed()) {
        throw new InvalidRecordException(
            "categories add up to " + categorised + " incidents but observed is " + alert.observed());
      }
    }

    private void scores() throws InvalidRecordException {
      if (!Double.isFinite(alert.expected()) || alert.expected() < 0) {
        throw new InvalidRecordException("expected " + alert.expected() + " is not a finite count >= 0");
      }
      // Infinite when nothing is left outside the cluster; NaN never means anything.
      if (!(alert.relativeRisk() >= 0)) {
        throw new InvalidRecordException("relativeRisk " + alert.relativeRisk() + " is not a number >= 0");
      }
      if (!Double.isFinite(alert.llr()) || alert.llr() < 0) {
        throw new InvalidRecordException("llr " + alert.llr() + " is not a finite number >= 0");
      }
      if (!(alert.pValue() >= 0 && alert.pValue() <= 1)) {
        throw new InvalidRecordException("pValue " + alert.pValue() + " is outside [0, 1]");
      }
      // Infinite for a p-value of 0: stronger than anything simulated.
      if (!(alert.recurrenceIntervalDays() > 0)) {
        throw new InvalidRecordException(
            "recurrenceIntervalDays " + alert.recurrenceIntervalDays() + " is not a number > 0");
      }
    }

    private void evidence() throws InvalidRecordException {
      for (Map.Entry<String, Double> forecast : alert.forecast().entrySet()) {
        Double p = forecast.getValue();
        if (p == null || !(p >= 0 && p <= 1)) {
          throw new InvalidRecordException(
              "forecast probability " + p + " of '" + forecast.getKey() + "' is outside [0, 1]");
        }
      }
      if (!HotspotAlert.LABELS.contains(alert.label())) {
        throw new InvalidRecordException(
            "label '" + alert.label() + "' is not one of " + String.join(", ", HotspotAlert.LABELS));
      }
      if (alert.explanation().isBlank()) {
        throw new InvalidRecordException("field 'explanation' is blank");
      }
    }

    private static boolean inRange(Double degrees, double bound) {
      return degrees != null && degrees >= -bound && degrees <= bound;
    }
  }
}
