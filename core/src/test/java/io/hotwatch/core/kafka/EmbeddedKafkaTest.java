package io.hotwatch.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @Test
  void producesAndConsumesThenFreesPortAndTemporaryDirectory() throws Exception {
    int port;
    Path logDir;
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      port = kafka.port();
      logDir = kafka.logDir();
      assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
      kafka.createTopics(2, "incidents");

      send(kafka.bootstrapServers(), "incidents", "11034578", "{\"id\":\"11034578\"}");
      List<ConsumerRecord<String, String>> received = receive(kafka.bootstrapServers(), "incidents", 1);

      assertThat(received).singleElement().satisfies(r -> {
        assertThat(r.key()).isEqualTo("11034578");
        assertThat(r.value()).isEqualTo("{\"id\":\"11034578\"}");
      });
      assertThat(logDir).isDirectory();
    }
    assertThat(portIsFree(port)).as("port %d is free after close", port).isTrue();
    assertThat(logDir).doesNotExist();
  }

  @Test
  void persistentLogDirectoryKeepsRecordsAcrossRestarts(@TempDir Path dir) throws Exception {
    Path logDir = dir.resolve("kafka");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
      kafka.createTopics(1, "social-posts");
      send(kafka.bootstrapServers(), "social-posts", "a", "first");
    }
    assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();

    try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, 0)) {
      // Already existing: must not fail.
      kafka.createTopics(1, "social-posts");
      send(kafka.bootstrapServers(), "social-posts", "b", "second");
      assertThat(receive(kafka.bootstrapServers(), "social-posts", 2))
          .extracting(ConsumerRecord::value)
          .containsExactly("first", "second");
    }
  }

  @Test
  void aTakenPortFailsTheStartNamingThePort(@TempDir Path dir) throws Exception {
    // The broker logs the bind failure at ERROR: expected output of this test.
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedKafka.start(dir.resolve("kafka"), port))
          .hasMessageStartingWith("Kafka broker could not start on 127.0.0.1:" + port + " ");
    }
  }

  private static void send(String bootstrap, String topic, String key, String value) throws Exception {
    Map<String, Object> config =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static List<ConsumerRecord<String, String>> receive(String bootstrap, String topic, int expected) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.GROUP_ID_CONFIG, "embedded-kafka-test",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static boolean portIsFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
