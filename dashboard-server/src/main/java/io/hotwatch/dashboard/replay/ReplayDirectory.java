package io.hotwatch.dashboard.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.replay.ReplayDataset;
import io.hotwatch.core.replay.ReplayRequest;
import io.hotwatch.core.replay.ReplayStatus;
import io.hotwatch.core.replay.ReplayTopics;
import io.hotwatch.dashboard.api.ApiException;
import io.hotwatch.dashboard.kafka.MissingTopics;
import io.hotwatch.dashboard.kafka.RecordWriters;
import io.hotwatch.dashboard.kafka.WholeTopicReader;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard knows of the replay service: its datasets and the status of its runs, read from their compacted
 * topics, and the requests it sends to it. Requests are checked here first, so that a bad one gets a 400 and one
 * made while a run is active a 409 before it reaches the service (which checks again).
 */
@Singleton
public final class ReplayDirectory implements ApplicationEventListener<StartupEvent> {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayDirectory.class);
  private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  /** How long a request may go without an answer from the replay service before it no longer blocks another. */
  static final Duration UNANSWERED = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final Map<String, ReplayDataset> datasets = new ConcurrentHashMap<>();
  private final Map<String, ReplayStatus> runs = new ConcurrentHashMap<>();
  /** Runs requested here whose status the service has not written yet. */
  private final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
  private final List<Consumer<String>> runListeners = new CopyOnWriteArrayList<>();
  private final WholeTopicReader reader;
  private final Clock clock = Clock.systemUTC();
  private volatile KafkaProducer<String, String> producer;
  private volatile MissingTopics topics;

  public ReplayDirectory(@Property(name = "kafka.bootstrap.servers") String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.reader = new WholeTopicReader(bootstrapServers, List.of(ReplayTopics.DATASETS, ReplayTopics.STATUS),
        "hotwatch-dashboard-replay", POLL_TIMEOUT, (record, polledAt) -> apply(record));
  }

  @Override
  public synchronized void onApplicationEvent(StartupEvent event) {
    if (producer != null) {
      return;
    }
    // The service creates these too; whichever starts first does, so that neither reads a topic that is missing.
    topics = MissingTopics.createInBackground(bootstrapServers, List.of(
        new NewTopic(ReplayTopics.CONTROL, Optional.of(1), Optional.empty()),
        compacted(ReplayTopics.STATUS),
        compacted(ReplayTopics.DATASETS)), "replay-topics");
    // a missing topic or broker answers the analyst's request within seconds (503), not after a minute
    producer = new KafkaProducer<>(RecordWriters.properties(bootstrapServers, "hotwatch-dashboard-replay",
        WRITE_TIMEOUT));
    reader.start("replay-status-consumer");
  }

  /** Tells {@code listener} the run id whenever a run's status changes or the run is forgotten. */
  void onRunChange(Consumer<String> listener) {
    runListeners.add(listener);
  }

  /** The datasets on offer, by name. */
  public List<ReplayDataset> datasets() {
    return datasets.values().stream().sorted(Comparator.comparing(ReplayDataset::name)).toList();
  }

  /** Every run the status topic holds, latest request first. */
  public List<ReplayStatus> runs() {
    return runs.values().stream()
        .sorted(Comparator.comparing(ReplayStatus::updatedAt).reversed().thenComparing(ReplayStatus::runId))
        .toList();
  }

  public Optional<ReplayStatus> run(String runId) {
    return Optional.ofNullable(runs.get(runId));
  }

  /**
   * Asks the service to start a run and returns its first status.
   *
   * @throws ApiException 400 for a request that cannot be used (the field and why), 409 while a run is active, 503
   *     when the request could not be written
   */
  public ReplayStatus start(String dataset, Instant from, Instant to, String speed, String by) {
    String runId = UUID.randomUUID().toString();
    ReplayRequest request = ReplayRequest.start(runId, dataset, from, to, speed, by, clock.instant());
    Optional<ReplayRequest.Problem> problem = request.problem(datasets.values());
    if (problem.isPresent()) {
      throw ApiException.badParameter(problem.get().field(), problem.get().reason());
    }
    synchronized (this) {
      Optional<ReplayStatus> active = runs.values().stream().filter(this::holdsTheService).findFirst();
      if (active.isPresent()) {
        throw ApiException.conflict("dataset", "run " + active.get().runId() + " is " + active.get().state()
            + ": one replay at a time; stop it (DELETE /api/replay/" + active.get().runId() + ") or wait");
      }
      send(request);
      ReplayStatus requested = ReplayStatus.requested(request, clock.instant());
      // shown at once; the service's own status replaces it when read back
      if (runs.putIfAbsent(runId, requested) == null) {
        unconfirmed.add(runId);
      }
      return runs.get(runId);
    }
  }

  /**
   * Whether a run keeps others from starting: an active one, unless only this server has heard of it and the service
   * has not answered for {@link #UNANSWERED} (it is not running; a request then must not block the next for ever).
   */
  private boolean holdsTheService(ReplayStatus status) {
    if (!status.active()) {
      return false;
    }
    return !unconfirmed.contains(status.runId())
        || status.updatedAt().plus(UNANSWERED).isAfter(clock.instant());
  }

  /**
   * Asks the service to stop a run.
   *
   * @throws ApiException 404 for an unknown run, 409 for one that has ended
   */
  public ReplayStatus stop(String runId, String by) {
    ReplayStatus status = runs.get(runId);
    if (status == null) {
      throw ApiException.notFound("runId", "no replay run '" + runId + "' is known");
    }
    if (!status.active()) {
      throw ApiException.conflict("runId", "run " + runId + " has ended (" + status.state() + ")");
    }
    send(ReplayRequest.stop(runId, by, clock.instant()));
    return status;
  }

  private void send(ReplayRequest request) {
    try {
      producer.send(new ProducerRecord<>(ReplayTopics.CONTROL, request.runId(), json.writeValueAsString(request)))
          .get(WRITE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the replay request", e);
    } catch (ExecutionException | TimeoutException | IOException e) {
      throw new IllegalStateException("the replay request could not be written to '" + ReplayTopics.CONTROL + "': "
          + e.getMessage(), e);
    }
  }

  private void apply(ConsumerRecord<String, String> record) {
    boolean status = record.topic().equals(ReplayTopics.STATUS);
    if (record.value() == null) {
      // a tombstone: the service deleted an old run, or withdrew a dataset
      if (status) {
        runs.remove(record.key());
        runListeners.forEach(listener -> listener.accept(record.key()));
      } else {
        datasets.remove(record.key());
      }
      return;
    }
    try {
      if (status) {
        ReplayStatus run = json.readValue(record.value(), ReplayStatus.class);
        runs.put(run.runId(), run);
        unconfirmed.remove(run.runId());
        runListeners.forEach(listener -> listener.accept(run.runId()));
      } else {
        ReplayDataset dataset = json.readValue(record.value(), ReplayDataset.class);
        datasets.put(dataset.name(), dataset);
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
    }
  }

  private static NewTopic compacted(String name) {
    return new NewTopic(name, Optional.of(1), Optional.empty())
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  @PreDestroy
  public synchronized void stop() {
    if (topics != null) {
      topics.close();
    }
    reader.stop();
    if (producer != null) {
      producer.close(WRITE_TIMEOUT);
    }
  }
}
