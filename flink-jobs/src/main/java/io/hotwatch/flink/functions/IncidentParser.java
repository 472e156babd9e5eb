package io.hotwatch.flink.functions;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.flink.event.ParsedIncident;
import java.time.Clock;

/**
 * Parses and validates incident JSON as it is read from Kafka. Nothing is dropped and nothing throws: a record that
 * fails becomes a {@link ParsedIncident} carrying a {@link DeadLetter} with the reason and the original payload.
 */
public final class IncidentParser extends JsonRecordParser<ParsedIncident> {

  private static final long serialVersionUID = 1L;

  public IncidentParser() {
    this(Clock.systemUTC());
  }

  /** The clock decides what "in the future" means for event times and stamps the dead letters. */
  public IncidentParser(Clock clock) {
    super(clock, ParsedIncident.class);
  }

  @Override
  protected ParsedIncident decode(EventCodec codec, String payload) throws InvalidRecordException {
    return ParsedIncident.valid(codec.decodeIncident(payload));
  }

  @Override
  protected ParsedIncident rejected(DeadLetter rejection) {
    return ParsedIncident.rejected(rejection);
  }
}
