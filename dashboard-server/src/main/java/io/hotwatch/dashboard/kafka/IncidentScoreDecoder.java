package io.hotwatch.dashboard.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.CategoryProbability;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.core.taxonomy.CrimeCategory;

/**
 * Reads {@link IncidentScore}s from the scored-incidents topic and rejects what the map could not show truthfully;
 * every rejection names the field and the value.
 */
public final class IncidentScoreDecoder {

  private final ObjectMapper mapper = EventCodec.newObjectMapper();

  public IncidentScore decode(String json) throws InvalidRecordException {
    if (json == null || json.isBlank()) {
      throw new InvalidRecordException("record is empty");
    }
    IncidentScore score;
    try {
      score = mapper.readValue(json, IncidentScore.class);
    } catch (JsonProcessingException e) {
      throw new InvalidRecordException("malformed scored-incident JSON: " + e.getOriginalMessage());
    }
    if (score == null || !IncidentScore.KIND.equals(score.kind())) {
      throw new InvalidRecordException(
          "kind '" + (score == null ? null : score.kind()) + "' is not '" + IncidentScore.KIND + "'");
    }
    if (score.incidentId() == null || score.incidentId().isBlank()) {
      throw new InvalidRecordException("field 'incidentId' is missing");
    }
    if (score.occurredAt() == null) {
      throw new InvalidRecordException("field 'occurredAt' is missing");
    }
    if (!(Math.abs(score.latitude()) <= 90) || !(Math.abs(score.longitude()) <= 180)) {
      throw new InvalidRecordException(
          "position " + score.latitude() + ", " + score.longitude() + " is not a latitude and longitude");
    }
    category("category", score.category());
    probability("probability", score.probability());
    if (score.top() == null || score.top().isEmpty()) {
      throw new InvalidRecordException("field 'top' is missing");
    }
    for (CategoryProbability top : score.top()) {
      if (top == null) {
        throw new InvalidRecordException("top holds a null entry: " + score.top());
      }
      category("top category", top.category());
      probability("top probability of " + top.category(), top.probability());
    }
    if (!(score.surprise() >= 0) || Double.isInfinite(score.surprise())) {
      throw new InvalidRecordException("surprise " + score.surprise() + " is not a finite number >= 0");
    }
    return score;
  }

  private static void category(String field, String value) throws InvalidRecordException {
    if (value == null || !CrimeCategory.isKnown(value)) {
      throw new InvalidRecordException(field + " '" + value + "' is not a known category");
    }
  }

  private static void probability(String field, double value) throws InvalidRecordException {
    if (!(value >= 0 && value <= 1)) {
      throw new InvalidRecordException(field + " " + value + " is outside [0, 1]");
    }
  }
}
