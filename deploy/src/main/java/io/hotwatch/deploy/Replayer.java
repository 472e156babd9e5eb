package io.hotwatch.deploy;

import io.hotwatch.core.json.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends a {@link ReplayInput} to a Kafka topic as JSON ({@link EventCodec}), keyed by event id, in event-time order and
 * paced by a {@link ReplaySpeed}: the wall-clock gap between two records is their event-time gap divided by the speed.
 * Several inputs, each to its own topic ({@link Feed}), replay on one clock, merged by event time.
 *
 * <p>Pacing is measured from the start of the run, not record to record, so sleeps do not add up to drift. A record
 * Kafka refuses (too large, invalid) is counted as rejected; a broken connection or unknown topic ends the replay with
 * an exception once the records already handed over have been settled.
 */
public final class Replayer implements AutoCloseable {

  /** How long connecting and fetching topic metadata may take before a replay gives up on a broker. */
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Producer<String, String> producer;
  private final boolean ownsProducer;
  private final ReplaySpeed speed;
  private final Duration warmUp;

  /** Replays through a producer the caller owns (and closes). */
  public Replayer(Producer<String, String> producer, ReplaySpeed speed) {
    this(producer, false, speed, Duration.ZERO);
  }

  private Replayer(Producer<String, String> producer, boolean ownsProducer, ReplaySpeed speed, Duration warmUp) {
    if (warmUp.isNegative()) {
      throw new IllegalArgumentException("warm-up " + warmUp + " is negative");
    }
    this.producer = producer;
    this.ownsProducer = ownsProducer;
    this.speed = speed;
    this.warmUp = warmUp;
  }

  /** Replays through a producer of its own to {@code bootstrapServers}, closed with this replayer. */
  public static Replayer connect(String bootstrapServers, ReplaySpeed speed) {
    return connect(bootstrapServers, speed, Duration.ZERO);
  }

  /**
   * As {@link #connect(String, ReplaySpeed)}, but the first {@code warmUp} of event time of every replay is sent as
   * fast as possible and the pacing starts after it: windows that look back days have history when watching starts.
   */
  public static Replayer connect(String bootstrapServers, ReplaySpeed speed, Duration warmUp) {
    return new Replayer(new KafkaProducer<>(producerConfig(bootstrapServers)), true, speed, warmUp);
  }

  /**
   * Producer settings: every record acknowledged by all in-sync replicas, idempotent (no duplicates or reordering on
   * retry), batched for up to 5 ms.
   */
  public static Map<String, Object> producerConfig(String bootstrapServers) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 5,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis(),
        ProducerConfig.CLIENT_ID_CONFIG, "hotwatch-replay");
  }

  /**
   * Fails with a one-line reason when the broker cannot be reached or a topic does not exist, before anything is read
   * or sent.
   */
  public static void checkTopics(String bootstrapServers, String... topics) throws Exception {
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CONNECT_TIMEOUT.toMillis());
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (String topic : topics) {
        if (!existing.contains(topic)) {
          throw new IllegalStateException("topic '" + topic + "' does not exist on " + bootstrapServers);
        }
      }
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "no Kafka broker answered at " + bootstrapServers + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka at " + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * An input and the topic its records go to; several feeds replay as one stream, merged by event time, so that
   * records of different topics arrive as close together as their event times are.
   *
   * @param input the records
   * @param topic where they go
   */
  public record Feed(ReplayInput input, String topic) {}

  /** Sends everything (blocking) and returns the outcome. */
  public ReplayResult replay(ReplayInput input, String topic) throws InterruptedException {
    return replay(input, topic, record -> {});
  }

  /** Sends everything (blocking), telling {@code onSent} about each record handed to Kafka. */
  public ReplayResult replay(ReplayInput input, String topic, Consumer<ReplayRecord> onSent) throws InterruptedException {
    return replay(List.of(new Feed(input, topic)), onSent);
  }

  /** Sends every feed's records (blocking) on one event-time clock, telling {@code onSent} about each. */
  public ReplayResult replay(List<Feed> feeds, Consumer<ReplayRecord> onSent) throws InterruptedException {
    List<Routed> merged = merge(feeds);
    return send(feeds, merged, onSent, new ReplayRun(merged.size()));
  }

  /** Starts the replay in a background thread; {@link ReplayRun#stop()} ends it early. */
  public ReplayRun start(ReplayInput input, String topic) {
    return start(input, topic, record -> {});
  }

  public ReplayRun start(ReplayInput input, String topic, Consumer<ReplayRecord> onSent) {
    return start(List.of(new Feed(input, topic)), onSent);
  }

  /** Starts replaying every feed on one event-time clock in a background thread. */
  public ReplayRun start(List<Feed> feeds, Consumer<ReplayRecord> onSent) {
    List<Routed> merged = merge(feeds);
    ReplayRun run = new ReplayRun(merged.size());
    Thread thread =
        new Thread(
            () -> {
              try {
                run.result().complete(send(feeds, merged, onSent, run));
              } catch (Throwable e) {
                run.result().completeExceptionally(e);
              }
            },
            "hotwatch-replay-" + topics(feeds));
    thread.setDaemon(true);
    thread.start();
    return run;
  }

  /** A record with the topic it goes to. */
  private record Routed(ReplayRecord record, String topic) {}

  /** All feeds' records by event time; at equal times, earlier feeds first (the sort is stable). */
  private static List<Routed> merge(List<Feed> feeds) {
    if (feeds.isEmpty()) {
      throw new IllegalArgumentException("nothing to replay: no feeds given");
    }
    List<Routed> merged = new ArrayList<>();
    for (Feed feed : feeds) {
      feed.input().records().forEach(r -> merged.add(new Routed(r, feed.topic())));
    }
    merged.sort(Comparator.comparing(r -> r.record().eventTime()));
    return merged;
  }

  private static String topics(List<Feed> feeds) {
    return feeds.stream().map(Feed::topic).distinct().collect(Collectors.joining("+"));
  }

  private ReplayResult send(List<Feed> feeds, List<Routed> records, Consumer<ReplayRecord> onSent, ReplayRun run)
      throws InterruptedException {
    EventCodec codec = new EventCodec();
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    Map<String, Long> refusals = new ConcurrentHashMap<>();
    AtomicReference<Exception> fatal = new AtomicReference<>();
    // pacing starts where the warm-up ends, measured from the wall time the first paced record is reached
    Instant paceFrom = records.isEmpty() ? null : records.get(0).record().eventTime().plus(warmUp);
    long startNanos = System.nanoTime();
    boolean paced = warmUp.isZero();
    boolean stopped = false;
    try {
      for (Routed routed : records) {
        ReplayRecord record = routed.record();
        if (!paced && !record.eventTime().isBefore(paceFrom)) {
          paced = true;
          startNanos = System.nanoTime();
        }
        long due = paced ? startNanos + speed.wallNanos(Duration.between(paceFrom, record.eventTime())) : 0;
        if (run.sleepUnlessStopped(due - System.nanoTime()) || fatal.get() != null) {
          stopped = run.isStopRequested();
          break;
        }
        producer.send(
            new ProducerRecord<>(routed.topic(), record.key(), codec.encode(record.event())),
            (metadata, e) -> {
              if (e == null) {
                acknowledged.incrementAndGet();
              } else if (e instanceof ApiException && !(e instanceof RetriableException)) {
                // This record is at fault (too large, invalid); the others can still go.
                refused.incrementAndGet();
                refusals.merge("Kafka refused the record: " + e.getClass().getSimpleName(), 1L, Long::sum);
              } else {
                fatal.compareAndSet(null, e);
              }
            });
        run.countEnqueued();
        onSent.accept(record);
      }
    } finally {
      producer.flush();
    }
    if (fatal.get() != null) {
      String target = feeds.size() == 1 ? "topic '" + feeds.get(0).topic() + "'" : "topics " + topics(feeds);
      throw new IllegalStateException("replay to " + target + " failed: " + fatal.get().getMessage(), fatal.get());
    }
    Map<String, Long> reasons = new ConcurrentHashMap<>();
    long rejected = refused.get();
    for (Feed feed : feeds) {
      feed.input().rejections().forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
      rejected += feed.input().rejected();
    }
    refusals.forEach((reason, count) -> reasons.merge(reason, count, Long::sum));
    return new ReplayResult(acknowledged.get(), rejected, reasons, stopped);
  }

  @Override
  public void close() {
    if (ownsProducer) {
      producer.close();
    }
  }
}
