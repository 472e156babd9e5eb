package io.hotwatch.deploy.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.replay.ReplayDataset;
import io.hotwatch.core.replay.ReplayStatus;
import io.hotwatch.core.replay.ReplayTopics;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The replay service's Kafka side: creates and deletes topics, writes statuses and the dataset catalogue (compacted,
 * keyed by run id and dataset name), and reads a compacted topic's latest values.
 */
final class ReplayKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayKafka.class);
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Map<String, String> COMPACTED =
      Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);

  private final String bootstrapServers;
  private final Admin admin;
  private final KafkaProducer<String, String> producer;
  private final ObjectMapper json = EventCodec.newObjectMapper();

  ReplayKafka(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    this.admin = Admin.create(adminProps);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "hotwatch-replay-service");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    this.producer = new KafkaProducer<>(props);
  }

  String bootstrapServers() {
    return bootstrapServers;
  }

  ObjectMapper json() {
    return json;
  }

  /** Creates the topics that do not exist yet, compacted or not; fails when the broker does not answer. */
  void createTopics(int partitions, boolean compacted, Collection<String> topics) throws Exception {
    Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    List<NewTopic> missing = topics.stream()
        .filter(topic -> !existing.contains(topic))
        .map(topic -> new NewTopic(topic, Optional.of(partitions), Optional.empty())
            .configs(compacted ? COMPACTED : Map.of()))
        .toList();
    if (missing.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(missing).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Deletes a past run's topics; a failure is logged, as the next clean-up tries again. */
  void deleteTopics(Collection<String> topics) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<String> present = topics.stream().filter(existing::contains).toList();
      admin.deleteTopics(present).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Could not delete the topics {}: {}", topics, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Writes a status and waits until the topic holds it. */
  void write(ReplayStatus status) throws Exception {
    send(ReplayTopics.STATUS, status.runId(), json.writeValueAsString(status))
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Writes a status without waiting (progress: a lost one is replaced by the next). */
  void writeLater(ReplayStatus status) {
    try {
      send(ReplayTopics.STATUS, status.runId(), json.writeValueAsString(status));
    } catch (IOException e) {
      LOG.warn("Could not encode the status of run {}: {}", status.runId(), e.toString());
    }
  }

  /** Removes a run from the status topic (a tombstone, which compaction keeps until it drops the run). */
  void forget(String runId) throws Exception {
    send(ReplayTopics.STATUS, runId, null).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  void publish(ReplayDataset dataset) throws Exception {
    send(ReplayTopics.DATASETS, dataset.name(), json.writeValueAsString(dataset))
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private Future<?> send(String topic, String key, String value) {
    return producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
      if (e != null) {
        LOG.warn("Could not write {} of '{}': {}", topic, key, e.toString());
      }
    });
  }

  /** The latest value of every key of a one-partition compacted topic, as it is now; tombstoned keys left out. */
  Map<String, String> latest(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<String, String> latest = new LinkedHashMap<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), TIMEOUT).get(partition);
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(partition, TIMEOUT) < end && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value() == null) {
            latest.remove(record.key());
          } else {
            latest.put(record.key(), record.value());
          }
        }
      }
    }
    return latest;
  }

  @Override
  public void close() {
    producer.close(TIMEOUT);
    admin.close(TIMEOUT);
  }
}
