package io.hotwatch.flink.kafka;

import io.hotwatch.core.json.EventCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.serialization.SerializationSchema.InitializationContext;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes events to one topic as the project's JSON (via {@link EventCodec}), keyed as the topic contract says.
 *
 * <p>The Kafka record timestamp is left to the producer (append time): Flink's timestamps here are event times, and
 * dead letters of unparseable records have none.
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  private final String topic;
  private final SerializableFunction<T, String> key;
  private transient EventCodec codec;

  /** {@code key} gives the record key of an event, or null for none. */
  public JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
    this.topic = topic;
    this.key = key;
  }

  @Override
  public void open(InitializationContext context, KafkaSinkContext sinkContext) {
    codec = new EventCodec();
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(T event, KafkaSinkContext context, Long timestamp) {
    String k = key.apply(event);
    return new ProducerRecord<>(
        topic,
        k == null ? null : k.getBytes(StandardCharsets.UTF_8),
        codec.encode(event).getBytes(StandardCharsets.UTF_8));
  }
}
