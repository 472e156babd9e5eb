package io.hotwatch.flink;

import io.hotwatch.flink.event.ParsedIncident;
import io.hotwatch.flink.functions.IncidentParser;
import java.util.List;
import java.util.Map;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writing test input to the embedded broker and reading it back as a bounded Flink source. */
final class KafkaTestSupport {

  private KafkaTestSupport() {}

  static KafkaProducer<String, String> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
  }

  /** Sends and waits until the broker has every record. */
  static void send(String bootstrapServers, List<ProducerRecord<String, String>> records) {
    try (KafkaProducer<String, String> producer = producer(bootstrapServers)) {
      records.forEach(producer::send);
      producer.flush();
    }
  }

  /** The job's parser over what the topic holds now: the whole topic, then end of input. */
  static KafkaSource<ParsedIncident> boundedIncidents(String bootstrapServers, String topic) {
    return KafkaSource.<ParsedIncident>builder()
        .setBootstrapServers(bootstrapServers)
        .setTopics(topic)
        .setGroupId("test-" + topic)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setBounded(OffsetsInitializer.latest())
        .setDeserializer(new IncidentParser())
        .build();
  }
}
