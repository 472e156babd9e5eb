package io.hotwatch.flink.functions;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.flink.event.ParsedIncident;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses and validates incident JSON as it is read from Kafka. Nothing is dropped and nothing throws: a record that
 * fails becomes a {@link ParsedIncident} carrying a {@link DeadLetter} with the reason and the original payload.
 */
public final class IncidentParser implements KafkaRecordDeserializationSchema<ParsedIncident> {

  private static final long serialVersionUID = 1L;

  private final Clock clock;
  private transient EventCodec codec;

  public IncidentParser() {
    this(Clock.systemUTC());
  }

  /** The clock decides what "in the future" means for event times and stamps the dead letters. */
  public IncidentParser(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void open(InitializationContext context) {
    codec = new EventCodec(clock);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedIncident> out) {
    String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    out.collect(parse(record.topic(), payload));
  }

  /** Parses one payload read from {@code topic}; call {@link #open} first. */
  public ParsedIncident parse(String topic, String payload) {
    try {
      return ParsedIncident.valid(codec.decodeIncident(payload));
    } catch (InvalidRecordException e) {
      return reject(topic, e.reason(), payload);
    } catch (RuntimeException e) {
      // a record must never stop the job: whatever the codec did not foresee still ends as a dead letter
      return reject(topic, "unreadable record: " + e, payload);
    }
  }

  private ParsedIncident reject(String topic, String reason, String payload) {
    return ParsedIncident.rejected(new DeadLetter(topic, reason, payload == null ? "" : payload, clock.instant()));
  }

  @Override
  public TypeInformation<ParsedIncident> getProducedType() {
    return TypeInformation.of(ParsedIncident.class);
  }
}
