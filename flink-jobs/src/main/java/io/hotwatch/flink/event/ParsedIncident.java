package io.hotwatch.flink.event;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;

/**
 * One record of the incidents input after parsing: either a valid incident or the dead letter explaining its rejection.
 *
 * <p>Parsing happens in the source so that event-time watermarks are generated per Kafka partition.
 *
 * @param incident the parsed incident, or null when rejected
 * @param rejection why and what was rejected, or null when parsed
 */
public record ParsedIncident(Incident incident, DeadLetter rejection) {

  /** Timestamp a rejected record reports to the watermark generator: below every real one, so it never moves time. */
  public static final long NO_EVENT_TIME = Long.MIN_VALUE;

  public static ParsedIncident valid(Incident incident) {
    return new ParsedIncident(incident, null);
  }

  public static ParsedIncident rejected(DeadLetter rejection) {
    return new ParsedIncident(null, rejection);
  }

  public boolean isRejected() {
    return rejection != null;
  }

  /** The incident's occurrence time in epoch milliseconds, or {@link #NO_EVENT_TIME} for a rejected record. */
  public long eventTime() {
    return incident == null ? NO_EVENT_TIME : incident.occurredAt().toEpochMilli();
  }
}
