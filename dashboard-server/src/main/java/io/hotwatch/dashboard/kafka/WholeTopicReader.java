package io.hotwatch.dashboard.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads whole topics, from the earliest offset with a group of its own, on a thread of its own until stopped: how the
 * server rebuilds what it shows (hotspots, trends, acknowledgements) from Kafka on every start. No offsets are
 * committed; only what producers committed is read; a broker that cannot be reached is retried, never fatal.
 */
public final class WholeTopicReader {

  /** Takes one record; {@code polledAtNanos} is {@link System#nanoTime()} when its poll returned. */
  @FunctionalInterface
  public interface RecordHandler {
    void handle(ConsumerRecord<String, String> record, long polledAtNanos);
  }

  private static final Logger LOG = LoggerFactory.getLogger(WholeTopicReader.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration RETRY_BACKOFF = Duration.ofSeconds(1);

  private final String bootstrapServers;
  private final List<String> topics;
  private final String clientId;
  private final Duration pollTimeout;
  private final RecordHandler handler;
  private volatile KafkaConsumer<String, String> consumer;
  private volatile boolean running;
  private volatile boolean assigned;
  private Thread pollThread;

  /**
   * @param clientId the consumer's client id, and the prefix of its throw-away group id
   */
  public WholeTopicReader(
      String bootstrapServers, List<String> topics, String clientId, Duration pollTimeout, RecordHandler handler) {
    this.bootstrapServers = bootstrapServers;
    this.topics = List.copyOf(topics);
    this.clientId = clientId;
    this.pollTimeout = pollTimeout;
    this.handler = handler;
  }

  /** Starts reading on a daemon thread of this name; a second call does nothing. */
  public synchronized void start(String threadName) {
    if (pollThread != null) {
      return;
    }
    running = true;
    consumer = new KafkaConsumer<>(consumerProperties());
    pollThread = new Thread(this::pollLoop, threadName);
    pollThread.setDaemon(true);
    pollThread.start();
    LOG.info("Reading topics {} from {} (earliest offset)", topics, bootstrapServers);
  }

  /** Whether the consumer has joined its group and been given the topics' partitions. */
  public boolean assigned() {
    return assigned;
  }

  /** Stops polling and waits until the consumer has left its group and closed its connections. */
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

  private Properties consumerProperties() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // A fresh group each start: what is shown is rebuilt from the topics, so no offsets are committed or reused.
    props.put(ConsumerConfig.GROUP_ID_CONFIG, clientId + "-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // The job writes in transactions: show only what a checkpoint committed, never what a failure took back.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // Whoever writes a topic owns its creation (and its partition count); a consumer must not create it by asking.
    props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }

  private void pollLoop() {
    KafkaConsumer<String, String> kafka = consumer;
    try {
      kafka.subscribe(topics);
      while (running) {
        ConsumerRecords<String, String> records;
        try {
          records = kafka.poll(pollTimeout);
        } catch (WakeupException e) {
          break;
        } catch (RuntimeException e) {
          // Broker gone or unreachable for a while: keep what is shown and keep trying; the client reconnects itself.
          LOG.warn("Polling {} failed, retrying in {}: {}", topics, RETRY_BACKOFF, e.toString());
          sleepQuietly(RETRY_BACKOFF);
          continue;
        }
        if (!assigned && !kafka.assignment().isEmpty()) {
          assigned = true;
        }
        long polledAt = System.nanoTime();
        for (ConsumerRecord<String, String> record : records) {
          handler.handle(record, polledAt);
        }
      }
    } finally {
      try {
        kafka.close(CLOSE_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.warn("Closing the consumer of {} failed: {}", topics, e.toString());
      }
    }
  }

  private void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
