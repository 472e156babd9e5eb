package io.hotwatch.flink.functions;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.flink.api.common.serialization.DeserializationSchema.InitializationContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses and validates one kind of JSON record as it is read from Kafka. Nothing is dropped and nothing throws: a
 * record that fails becomes a {@code P} carrying a {@link DeadLetter} with the reason and the original payload.
 *
 * @param <P> the parsed record: the valid event or its rejection
 */
public abstract class JsonRecordParser<P> implements KafkaRecordDeserializationSchema<P> {

  private static final long serialVersionUID = 1L;

  private final Clock clock;
  private final Class<P> produced;
  private transient EventCodec codec;

  /** The clock decides what "in the future" means for event times and stamps the dead letters. */
  protected JsonRecordParser(Clock clock, Class<P> produced) {
    this.clock = clock;
    this.produced = produced;
  }

  /** Decodes a payload into a valid record, or throws with the reason. */
  protected abstract P decode(EventCodec codec, String payload) throws InvalidRecordException;

  /** The record standing for a rejected payload. */
  protected abstract P rejected(DeadLetter rejection);

  @Override
  public void open(InitializationContext context) {
    codec = new EventCodec(clock);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<P> out) {
    String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    out.collect(parse(record.topic(), payload));
  }

  /** Parses one payload read from {@code topic}; call {@link #open} first. */
  public P parse(String topic, String payload) {
    try {
      return decode(codec, payload);
    } catch (InvalidRecordException e) {
      return reject(topic, e.reason(), payload);
    } catch (RuntimeException e) {
      // a record must never stop the job: whatever the codec did not foresee still ends as a dead letter
      return reject(topic, "unreadable record: " + e, payload);
    }
  }

  private P reject(String topic, String reason, String payload) {
    return rejected(new DeadLetter(topic, reason, payload == null ? "" : payload, clock.instant()));
  }

  @Override
  public TypeInformation<P> getProducedType() {
    return TypeInformation.of(produced);
  }
}
