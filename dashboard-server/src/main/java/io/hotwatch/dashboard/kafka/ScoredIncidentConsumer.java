package io.hotwatch.dashboard.kafka;

import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.dashboard.incidents.IncidentSettings;
import io.hotwatch.dashboard.web.HotspotFeed;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code scored-incidents} topic on its own thread, so that a busy incident feed never delays a hotspot
 * alert, and puts every incident on the live stream; a record that does not parse or validate is logged and counted,
 * never fatal.
 *
 * <p>Unlike the hotspot topic it is not read whole: every incident of the topic's history is of no use to a map that
 * shows the last hour, so at start each partition is read from its last {@code recent-limit} records on. Partitions
 * are assigned (no group, nothing committed); only committed transactions are read. A topic that does not exist yet
 * is looked for again every second.
 */
@Singleton
public final class ScoredIncidentConsumer implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(ScoredIncidentConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_LOGGED_PAYLOAD = 500;

  private final String bootstrapServers;
  private final String topic;
  private final int readBack;
  private final HotspotFeed feed;
  private final IncidentScoreDecoder decoder = new IncidentScoreDecoder();
  private final AtomicLong recordsRead = new AtomicLong();
  private final AtomicLong malformedRecords = new AtomicLong();
  private final AtomicReference<String> lastRejection = new AtomicReference<>();
  private volatile boolean running;
  private volatile boolean assigned;
  private volatile KafkaConsumer<String, String> consumer;
  private Thread pollThread;

  public ScoredIncidentConsumer(
      @Property(name = "kafka.bootstrap.servers") String bootstrapServers, TopicSettings topics,
      IncidentSettings settings, HotspotFeed feed) {
    this.bootstrapServers = bootstrapServers;
    String scored = topics.scoredIncidents();
    this.topic = scored == null || scored.isBlank() ? null : scored;
    this.readBack = settings.recentLimit();
    this.feed = feed;
  }

  @Override
  public synchronized void onApplicationEvent(StartupEvent event) {
    if (topic == null || pollThread != null) {
      return;
    }
    running = true;
    consumer = new KafkaConsumer<>(consumerProperties());
    pollThread = new Thread(this::pollLoop, "scored-incidents-consumer");
    pollThread.setDaemon(true);
    pollThread.start();
    LOG.info("Reading topic {} from {} (the last {} records of each partition)", topic, bootstrapServers, readBack);
  }

  private Properties consumerProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // The job writes in transactions: show only what a checkpoint committed, never what a failure took back.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hotwatch-dashboard-incidents");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }

  private void pollLoop() {
    KafkaConsumer<String, String> kafka = consumer;
    try {
      while (running) {
        try {
          if (!assigned && !assignRecent(kafka)) {
            sleep(RETRY);
            continue;
          }
          ConsumerRecords<String, String> records = kafka.poll(POLL_TIMEOUT);
          long polledAt = System.nanoTime();
          for (ConsumerRecord<String, String> record : records) {
            handle(record, polledAt);
          }
        } catch (WakeupException e) {
          break;
        } catch (RuntimeException e) {
          // Broker gone or unreachable for a while: keep what is shown and keep trying; the client reconnects itself.
          LOG.warn("Reading {} failed, retrying in {}: {}", topic, RETRY, e.toString());
          sleep(RETRY);
        }
      }
    } finally {
      try {
        kafka.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.warn("Closing the consumer of {} failed: {}", topic, e.toString());
      }
    }
  }

  /** Assigns every partition of the topic, each from its last {@code readBack} records; false while it has none. */
  private boolean assignRecent(KafkaConsumer<String, String> kafka) {
    List<TopicPartition> partitions =
        kafka.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    if (partitions.isEmpty()) {
      return false;
    }
    kafka.assign(partitions);
    Map<TopicPartition, Long> begin = kafka.beginningOffsets(partitions);
    Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
    for (TopicPartition partition : partitions) {
      // offsets count transaction markers too, so a little fewer than readBack incidents come back
      kafka.seek(partition, Math.max(begin.get(partition), end.get(partition) - readBack));
    }
    assigned = true;
    LOG.info("Reading {} partitions of {} from {}", partitions.size(), topic, end);
    return true;
  }

  private void handle(ConsumerRecord<String, String> record, long polledAt) {
    recordsRead.incrementAndGet();
    IncidentScore incident;
    try {
      incident = decoder.decode(record.value());
    } catch (InvalidRecordException e) {
      malformedRecords.incrementAndGet();
      String where = record.topic() + "-" + record.partition() + "@" + record.offset();
      lastRejection.set(where + ": " + e.reason());
      LOG.warn("Skipping record {}: {}; payload: {}", where, e.reason(), abbreviate(record.value()));
      return;
    }
    try {
      feed.publish(incident, polledAt);
    } catch (RuntimeException e) {
      // A bug in the feed must not stop the topic; the incident is lost for the stream only, and the log says so.
      LOG.error("Could not put record {}-{}@{} on the stream", record.topic(), record.partition(), record.offset(), e);
    }
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static String abbreviate(String payload) {
    if (payload == null) {
      return "null";
    }
    return payload.length() <= MAX_LOGGED_PAYLOAD ? payload : payload.substring(0, MAX_LOGGED_PAYLOAD) + "...";
  }

  /** Stops polling and waits until the consumer has closed its connections. */
  @PreDestroy
  public synchronized void stop() {
    running = false;
    KafkaConsumer<String, String> kafka = consumer;
    if (kafka != null) {
      kafka.wakeup();
    }
    if (pollThread != null) {
      try {
        pollThread.join(CLOSE_TIMEOUT.plusSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The topic read, or null when none is. */
  public String topic() {
    return topic;
  }

  /** Whether the topic's partitions have been found and assigned. */
  public boolean assigned() {
    return assigned;
  }

  public long recordsRead() {
    return recordsRead.get();
  }

  public long malformedRecords() {
    return malformedRecords.get();
  }

  /** Where and why the latest record was rejected, or null when none was. */
  public String lastRejection() {
    return lastRejection.get();
  }
}
