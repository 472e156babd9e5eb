package io.hotwatch.flink.social;

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
 * Parses social-post JSON as it is read from Kafka. Nothing is dropped and nothing throws: a record that fails
 * becomes a {@link ParsedPost} carrying a dead letter with the reason and the original payload.
 */
public final class SocialPostParser implements KafkaRecordDeserializationSchema<ParsedPost> {

  private static final long serialVersionUID = 1L;

  private final Clock clock;
  private transient EventCodec codec;

  public SocialPostParser() {
    this(Clock.systemUTC());
  }

  /** The clock decides what "in the future" means for posting times and stamps the dead letters. */
  public SocialPostParser(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void open(InitializationContext context) {
    codec = new EventCodec(clock);
  }

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ParsedPost> out) {
    String payload = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    out.collect(parse(record.topic(), payload));
  }

  /** Parses one payload read from {@code topic}; call {@link #open} first. */
  public ParsedPost parse(String topic, String payload) {
    try {
      return ParsedPost.valid(codec.decodeSocialPost(payload));
    } catch (InvalidRecordException e) {
      return reject(topic, e.reason(), payload);
    } catch (RuntimeException e) {
      return reject(topic, "unreadable record: " + e, payload);
    }
  }

  private ParsedPost reject(String topic, String reason, String payload) {
    return ParsedPost.rejected(new DeadLetter(topic, reason, payload == null ? "" : payload, clock.instant()));
  }

  @Override
  public TypeInformation<ParsedPost> getProducedType() {
    return TypeInformation.of(ParsedPost.class);
  }
}
