package io.hotwatch.dashboard.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;

/** Reads {@link TrendEvent}s from the trends topic; a rejection names the field and the value. */
public final class TrendDecoder {

  private final ObjectMapper mapper = EventCodec.newObjectMapper();

  public TrendEvent decode(String json) throws InvalidRecordException {
    if (json == null || json.isBlank()) {
      throw new InvalidRecordException("record is empty");
    }
    TrendEvent trend;
    try {
      trend = mapper.readValue(json, TrendEvent.class);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("malformed trend JSON: " + e.getOriginalMessage());
    }
    if (trend == null || !TrendEvent.KIND.equals(trend.kind())) {
      throw new InvalidRecordException("kind '" + (trend == null ? null : trend.kind()) + "' is not 'trend'");
    }
    if (trend.district() == null || trend.district().isBlank()) {
      throw new InvalidRecordException("field 'district' is missing");
    }
    if (trend.category() == null || trend.category().isBlank()) {
      throw new InvalidRecordException("field 'category' is missing");
    }
    if (trend.at() == null) {
      throw new InvalidRecordException("field 'at' is missing");
    }
    return trend;
  }
}
