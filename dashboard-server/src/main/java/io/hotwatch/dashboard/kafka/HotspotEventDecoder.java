package io.hotwatch.dashboard.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.event.Polygon;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import java.util.List;

/**
 * Reads {@link HotspotEvent}s from the topic's JSON with the project's Jackson configuration, and rejects what the
 * board and the map could not place: every rejection names the field and the value.
 */
public final class HotspotEventDecoder {

  private final ObjectMapper mapper = EventCodec.newObjectMapper();

  public HotspotEvent decode(String json) throws InvalidRecordException {
    if (json == null || json.isBlank()) {
      throw new InvalidRecordException("record is empty");
    }
    HotspotEvent event;
    try {
      event = mapper.readValue(json, HotspotEvent.class);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("malformed JSON: " + e.getOriginalMessage());
    }
    if (event == null) {
      throw new InvalidRecordException("record is JSON null");
    }
    validate(event);
    return event;
  }

  private static void validate(HotspotEvent event) throws InvalidRecordException {
    if (!HotspotEvent.KIND.equals(event.kind())) {
      throw new InvalidRecordException("kind '" + event.kind() + "' is not '" + HotspotEvent.KIND + "'");
    }
    boolean active = HotspotEvent.ACTIVE.equals(event.status());
    if (!active && !HotspotEvent.CLEARED.equals(event.status())) {
      throw new InvalidRecordException(
          "status '" + event.status() + "' is neither '" + HotspotEvent.ACTIVE + "' nor '" + HotspotEvent.CLEARED + "'");
    }
    if (event.cellId() == null || event.cellId().isBlank()) {
      throw new InvalidRecordException("field 'cellId' is missing");
    }
    if (event.windowEnd() == null) {
      throw new InvalidRecordException("field 'windowEnd' is missing");
    }
    if (event.windowStart() != null && !event.windowStart().isBefore(event.windowEnd())) {
      throw new InvalidRecordException(
          "windowStart " + event.windowStart() + " is not before windowEnd " + event.windowEnd());
    }
    if (active) {
      validateGeometry(event.geometry());
      if (event.observed() < 0) {
        throw new InvalidRecordException("observed " + event.observed() + " is negative");
      }
      if (!Double.isFinite(event.expected()) || event.expected() < 0) {
        throw new InvalidRecordException("expected " + event.expected() + " is not a finite count >= 0");
      }
      if (!(event.pValue() >= 0 && event.pValue() <= 1)) {
        throw new InvalidRecordException("pValue " + event.pValue() + " is outside [0, 1]");
      }
    }
  }

  private static void validateGeometry(Polygon geometry) throws InvalidRecordException {
    if (geometry == null) {
      throw new InvalidRecordException("field 'geometry' is missing");
    }
    if (!"Polygon".equals(geometry.type())) {
      throw new InvalidRecordException("geometry type '" + geometry.type() + "' is not 'Polygon'");
    }
    List<List<List<Double>>> rings = geometry.coordinates();
    if (rings == null || rings.isEmpty() || rings.get(0) == null || rings.get(0).size() < 4) {
      throw new InvalidRecordException("geometry needs an outer ring of at least 4 positions, got " + rings);
    }
    for (List<List<Double>> ring : rings) {
      for (List<Double> position : ring) {
        if (position == null
            || position.size() < 2
            || !inRange(position.get(0), 180)
            || !inRange(position.get(1), 90)) {
          throw new InvalidRecordException("geometry position " + position + " is not a [longitude, latitude] pair");
        }
      }
    }
  }

  private static boolean inRange(Double degrees, double bound) {
    return degrees != null && degrees >= -bound && degrees <= bound;
  }
}
