package io.hotwatch.dashboard.kafka;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.dashboard.trends.TrendBoard;
import io.hotwatch.dashboard.web.HotspotFeed;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code hotspot-events} and {@code trends} topics from the earliest offset on its own thread and feeds
 * every hotspot alert and trend to the live stream; a record that does not parse or validate is logged and counted,
 * never fatal.
 *
 * <p>A plain {@link KafkaConsumer} (through {@link WholeTopicReader}) rather than micronaut-kafka's {@code @KafkaListener}: the server rebuilds its
 * state from the whole topic on every start, so it wants a throw-away group read from the beginning, its own handling
 * of bad records in the poll loop, and a shutdown that has finished (group left, sockets closed) when the application
 * context stops — which matters when the demo stops the server and then the broker in the same JVM. It also keeps one
 * framework module out of a JVM that already carries Flink and a broker.
 */
@Singleton
public final class HotspotAlertConsumer implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(HotspotAlertConsumer.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final int MAX_LOGGED_PAYLOAD = 500;

  private final String topic;
  private final String trendsTopic;
  private final HotspotFeed feed;
  private final HotspotAlertDecoder decoder = new HotspotAlertDecoder();
  private final TrendDecoder trendDecoder = new TrendDecoder();
  private final TrendBoard trends;
  private final Timer delivery;
  private final AtomicLong recordsRead = new AtomicLong();
  private final AtomicLong malformedRecords = new AtomicLong();
  private final AtomicReference<String> lastRejection = new AtomicReference<>();
  private final WholeTopicReader reader;

  public HotspotAlertConsumer(
      @Property(name = "kafka.bootstrap.servers") String bootstrapServers, TopicSettings topics, HotspotFeed feed,
      TrendBoard trends, MeterRegistry meters) {
    this.delivery = Timer.builder("hotwatch.alert.delivery.latency")
        .description("From a hotspot event's Kafka timestamp (when the job wrote it) to this server reading it: the"
            + " job's checkpoint commit and the broker included")
        .publishPercentileHistogram()
        .register(meters);
    this.trends = trends;
    this.topic = topics.hotspotEvents();
    this.trendsTopic = topics.trends() == null || topics.trends().isBlank() ? null : topics.trends();
    this.feed = feed;
    this.reader = new WholeTopicReader(bootstrapServers, topics(), "hotwatch-dashboard", POLL_TIMEOUT, this::handle);
  }

  @Override
  public void onApplicationEvent(StartupEvent event) {
    reader.start("hotspot-events-consumer");
  }

  private List<String> topics() {
    return trendsTopic == null ? List.of(topic) : List.of(topic, trendsTopic);
  }

  private void handle(ConsumerRecord<String, String> record, long polledAt) {
    recordsRead.incrementAndGet();
    boolean trend = record.topic().equals(trendsTopic);
    Object event;
    try {
      event = trend ? trendDecoder.decode(record.value()) : decoder.decode(record.value());
    } catch (InvalidRecordException e) {
      malformedRecords.incrementAndGet();
      String where = record.topic() + "-" + record.partition() + "@" + record.offset();
      lastRejection.set(where + ": " + e.reason());
      LOG.warn("Skipping record {}: {}; payload: {}", where, e.reason(), abbreviate(record.value()));
      return;
    }
    try {
      if (event instanceof HotspotAlert alert) {
        if (record.timestamp() > 0) {
          delivery.record(Math.max(0, System.currentTimeMillis() - record.timestamp()), TimeUnit.MILLISECONDS);
        }
        feed.publish(alert, record.partition(), polledAt);
      } else {
        trends.put((TrendEvent) event);
        feed.publish((TrendEvent) event, polledAt);
      }
    } catch (RuntimeException e) {
      // A bug in the feed must not stop the topic; the event is lost for the stream only, and the log says so.
      LOG.error("Could not put record {}-{}@{} on the stream", record.topic(), record.partition(), record.offset(), e);
    }
  }

  private static String abbreviate(String payload) {
    if (payload == null) {
      return "null";
    }
    return payload.length() <= MAX_LOGGED_PAYLOAD ? payload : payload.substring(0, MAX_LOGGED_PAYLOAD) + "...";
  }

  /** Stops polling and waits until the consumer has left its group and closed its connections. */
  @PreDestroy
  public void stop() {
    reader.stop();
  }

  /** Whether the consumer has joined its group and been given the topic's partitions (readiness). */
  public boolean assigned() {
    return reader.assigned();
  }

  public String topic() {
    return topic;
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
