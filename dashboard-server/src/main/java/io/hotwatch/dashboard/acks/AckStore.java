package io.hotwatch.dashboard.acks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.dashboard.kafka.WholeTopicReader;
import io.hotwatch.dashboard.stream.Acknowledgement;
import io.hotwatch.dashboard.stream.AcknowledgementPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatchers' acknowledgements, kept durably in a compacted Kafka topic keyed by alert id, so that every dashboard
 * server (every wall screen behind any of them) sees every acknowledgement, also after a restart.
 *
 * <p>An acknowledgement is written to the topic and shown only when read back from it: the topic is the one record
 * of what happened, so all servers show the same acknowledgements in the same order, and a write that failed is never
 * shown. Each server reads the whole topic from the start with a group of its own.
 */
@Singleton
public final class AckStore implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(AckStore.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration TOPIC_RETRY = Duration.ofSeconds(5);

  private final String bootstrapServers;
  private final AckSettings settings;
  private final AcknowledgementPublisher publisher;
  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final Map<String, Acknowledgement> byAlert = new ConcurrentHashMap<>();
  private final AtomicLong malformed = new AtomicLong();
  private final Clock clock;
  private volatile KafkaProducer<String, String> producer;
  private final WholeTopicReader reader;
  private final ScheduledExecutorService topicCreation = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "alert-acks-topic");
    thread.setDaemon(true);
    return thread;
  });

  public AckStore(
      @Property(name = "kafka.bootstrap.servers") String bootstrapServers,
      AckSettings settings,
      AcknowledgementPublisher publisher) {
    this.bootstrapServers = bootstrapServers;
    this.settings = settings;
    this.publisher = publisher;
    this.clock = Clock.systemUTC();
    this.reader = new WholeTopicReader(bootstrapServers, List.of(settings.topic()), "hotwatch-dashboard-acks",
        POLL_TIMEOUT, (record, polledAt) -> apply(record));
  }

  @Override
  public synchronized void onApplicationEvent(StartupEvent event) {
    if (producer != null) {
      return;
    }
    // In the background, and again until it succeeds: a broker that is still starting (as in a compose start, where
    // the dashboard comes up first) must not leave the server without its topic for good.
    topicCreation.execute(this::createTopicOrRetry);
    producer = new KafkaProducer<>(producerProperties());
    reader.start("alert-acks-consumer");
  }

  private void createTopicOrRetry() {
    if (!createTopicIfMissing()) {
      try {
        topicCreation.schedule(this::createTopicOrRetry, TOPIC_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException stopped) {
        // the server is stopping
      }
    }
  }

  /**
   * Records that {@code by} acknowledged {@code alertId} now, and returns the acknowledgement once the topic holds it
   * (it reaches the sockets when read back).
   *
   * @throws AlreadyAcknowledgedException when this server already knows an acknowledgement of the alert
   * @throws IllegalArgumentException when the note is too long
   * @throws IllegalStateException when the topic did not take the record in time
   */
  public Acknowledgement acknowledge(String alertId, String hotspotId, String by, String note) {
    String text = note == null ? "" : note.strip();
    if (text.length() > settings.maxNoteLength()) {
      throw new IllegalArgumentException(
          "note is " + text.length() + " characters long; at most " + settings.maxNoteLength() + " are kept");
    }
    Acknowledgement existing = byAlert.get(alertId);
    if (existing != null) {
      throw new AlreadyAcknowledgedException(existing);
    }
    Acknowledgement ack = new Acknowledgement(alertId, hotspotId, by, clock.instant(), text);
    try {
      producer.send(new ProducerRecord<>(settings.topic(), alertId, json.writeValueAsString(ack)))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording the acknowledgement", e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      throw new IllegalStateException("the acknowledgement could not be recorded in '" + settings.topic() + "': "
          + e.getMessage(), e);
    }
    return ack;
  }

  /** The acknowledgement of an alert, if this server has read one. */
  public Optional<Acknowledgement> get(String alertId) {
    return Optional.ofNullable(byAlert.get(alertId));
  }

  /** Every acknowledgement read so far, latest first. */
  public List<Acknowledgement> all() {
    return byAlert.values().stream()
        .sorted(Comparator.comparing(Acknowledgement::at).reversed().thenComparing(Acknowledgement::alertId))
        .toList();
  }

  /** Records of the topic that were not acknowledgements (skipped and logged). */
  public long malformedRecords() {
    return malformed.get();
  }

  private void apply(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      // a tombstone (written by an operator to withdraw an acknowledgement): forget it
      byAlert.remove(record.key());
      return;
    }
    Acknowledgement ack;
    try {
      ack = json.readValue(record.value(), Acknowledgement.class);
    } catch (IOException | IllegalArgumentException e) {
      malformed.incrementAndGet();
      LOG.warn("Skipping record {}-{}@{}: not an acknowledgement ({})", record.topic(), record.partition(),
          record.offset(), e.getMessage());
      return;
    }
    // The latest record of an alert wins, as compaction keeps it: every server, and one restarted after compaction,
    // ends up showing the same acknowledgement.
    Acknowledgement previous = byAlert.put(ack.alertId(), ack);
    if (!ack.equals(previous)) {
      publisher.publish(ack);
    }
  }

  /** Whether the topic is there now (created or found); false, logged, when the broker did not let us know. */
  private boolean createTopicIfMissing() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // The admin client refuses an API timeout below its request timeout (30 s by default).
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      Set<String> topics = admin.listTopics().names().get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (topics.contains(settings.topic())) {
        return true;
      }
      NewTopic topic = new NewTopic(settings.topic(), Optional.of(1), Optional.empty())
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(List.of(topic)).all().get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      LOG.info("Created the compacted topic '{}'", settings.topic());
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return true;
      }
      LOG.warn("Could not create '{}' (acknowledgements need it), retrying in {}: {}", settings.topic(), TOPIC_RETRY,
          e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (TimeoutException | KafkaException e) {
      LOG.warn("Could not check for '{}' within {}, retrying in {}: {}", settings.topic(), WRITE_TIMEOUT, TOPIC_RETRY,
          e.toString());
    }
    return false;
  }

  private Properties producerProperties() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis() / 2);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // send() waits this long for the topic's metadata, not the default minute, while the topic is still missing.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) WRITE_TIMEOUT.toMillis());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "hotwatch-dashboard-acks");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return props;
  }

  /** Stops reading and closes the producer and the consumer. */
  @PreDestroy
  public synchronized void stop() {
    topicCreation.shutdownNow();
    reader.stop();
    if (producer != null) {
      producer.close(CLOSE_TIMEOUT);
    }
  }
}
