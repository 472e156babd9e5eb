package io.hotwatch.dashboard.webhook;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes webhook dead letters to their Kafka topic as JSON, keyed by subscription id, on a thread of its own so that a
 * slow or absent broker delays no delivery. The server is the topic's only writer, so it creates the topic (one
 * partition, the broker's replication factor) when it is missing rather than rely on the broker creating topics.
 */
@Singleton
public final class WebhookDeadLetterTopic {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookDeadLetterTopic.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String bootstrapServers;
  private final String topic;
  private final JsonMapper json;
  private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "webhook-dead-letters");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private KafkaProducer<String, String> producer;

  public WebhookDeadLetterTopic(
      @Property(name = "kafka.bootstrap.servers") String bootstrapServers, WebhookSettings settings, JsonMapper json) {
    this.bootstrapServers = bootstrapServers;
    this.topic = settings.deadLetterTopic();
    this.json = json;
  }

  /** Queues one dead letter for the topic; a failure to write it is logged and counted, the letter stays listed. */
  public void write(WebhookDeadLetter letter) {
    writer.execute(() -> {
      try {
        String value = new String(json.writeValueAsBytes(letter), StandardCharsets.UTF_8);
        producer().send(new ProducerRecord<>(topic, letter.subscriptionId(), value)).get();
        written.incrementAndGet();
      } catch (IOException | ExecutionException | RuntimeException e) {
        failed.incrementAndGet();
        LOG.warn("Could not write the dead letter of delivery {} to '{}': {}", letter.deliveryId(), topic,
            e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
  }

  private KafkaProducer<String, String> producer() throws ExecutionException, InterruptedException {
    if (producer == null) {
      createTopicIfMissing();
      Properties props = new Properties();
      props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      props.put(ProducerConfig.CLIENT_ID_CONFIG, "hotwatch-dashboard-webhooks");
      props.put(ProducerConfig.ACKS_CONFIG, "all");
      props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
      props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
      props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(props);
    }
    return producer;
  }

  private void createTopicIfMissing() throws ExecutionException, InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // The admin client refuses an API timeout below its request timeout (30 s by default).
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty())))
          .all().get();
      LOG.info("Created topic '{}'", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  /** Dead letters the topic has acknowledged. */
  public long written() {
    return written.get();
  }

  /** Dead letters that could not be written (they stay listed in memory). */
  public long failed() {
    return failed.get();
  }

  public String topic() {
    return topic;
  }

  /** Writes what is queued (for a few seconds at most), then closes the producer. */
  @PreDestroy
  public void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(CLOSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        writer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(CLOSE_TIMEOUT);
    }
  }
}
