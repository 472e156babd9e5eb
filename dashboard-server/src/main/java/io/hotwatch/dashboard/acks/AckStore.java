package io.hotwatch.dashboard.acks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.dashboard.kafka.MissingTopics;
import io.hotwatch.dashboard.kafka.RecordWriters;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
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

  private final String bootstrapServers;
  private final AckSettings settings;
  private final AcknowledgementPublisher publisher;
  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final Map<String, Acknowledgement> byAlert = new ConcurrentHashMap<>();
  private final AtomicLong malformed = new AtomicLong();
  private final Clock clock;
  private volatile KafkaProducer<String, String> producer;
  private final WholeTopicReader reader;
  private volatile MissingTopics topic;

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
    topic = MissingTopics.createInBackground(bootstrapServers, List.of(
        new NewTopic(settings.topic(), Optional.of(1), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))),
        "alert-acks-topic");
    producer =
        new KafkaProducer<>(RecordWriters.properties(bootstrapServers, "hotwatch-dashboard-acks", WRITE_TIMEOUT));
    reader.start("alert-acks-consumer");
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

  /** Stops reading and closes the producer and the consumer. */
  @PreDestroy
  public synchronized void stop() {
    if (topic != null) {
      topic.close();
    }
    reader.stop();
    if (producer != null) {
      producer.close(CLOSE_TIMEOUT);
    }
  }
}
