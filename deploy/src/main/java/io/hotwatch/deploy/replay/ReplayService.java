package io.hotwatch.deploy.replay;

import io.hotwatch.core.replay.ReplayDataset;
import io.hotwatch.core.replay.ReplayRequest;
import io.hotwatch.core.replay.ReplayStatus;
import io.hotwatch.core.replay.ReplayTopics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analysts' replays of historical incidents through the hotspot job, apart from the live one: takes start and stop
 * requests from {@link ReplayTopics#CONTROL}, runs one {@link ReplayExecution} at a time (a request while one is
 * active is refused, with the reason in its status), reports every run to {@link ReplayTopics#STATUS}, offers its
 * datasets on {@link ReplayTopics#DATASETS}, and deletes the topics of all but the last few runs.
 */
public final class ReplayService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  /**
   * What the service runs with.
   *
   * @param bootstrapServers the Kafka cluster of the control, status and run topics
   * @param modelDir the model the live job scores with (the same artifact, so that a replay runs the same engine)
   * @param parallelism Flink parallelism of each run's MiniCluster (and partitions of its output topics)
   * @param keptRuns how many ended runs keep their topics and status; older ones are deleted
   */
  public record Settings(String bootstrapServers, Path modelDir, int parallelism, int keptRuns) {

    public Settings {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism " + parallelism + " must be at least 1");
      }
      if (keptRuns < 1) {
        throw new IllegalArgumentException("kept runs " + keptRuns + " must be at least 1");
      }
    }

    /** Parallelism 2, the last 3 runs kept. */
    public static Settings of(String bootstrapServers, Path modelDir) {
      return new Settings(bootstrapServers, modelDir, 2, 3);
    }
  }

  private final Settings settings;
  private final DatasetCatalogue catalogue;
  private final ReplayKafka kafka;
  private final KafkaConsumer<String, String> control;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(task -> daemon(task, "hotwatch-replay-run"));
  /** Ended runs whose topics still exist, oldest first. */
  private final Deque<String> pastRuns = new ArrayDeque<>();
  private final Thread controlThread;
  private volatile boolean running = true;
  private ReplayExecution current;

  private ReplayService(Settings settings, DatasetCatalogue catalogue, ReplayKafka kafka) {
    this.settings = settings;
    this.catalogue = catalogue;
    this.kafka = kafka;
    this.control = new KafkaConsumer<>(controlProperties(settings.bootstrapServers()));
    this.controlThread = daemon(this::pollControl, "hotwatch-replay-control");
  }

  /**
   * Creates the service's topics, closes the runs a previous service left active (as failed), publishes the
   * catalogue and starts taking requests made from now on; returns once it takes them.
   */
  public static ReplayService start(Settings settings, DatasetCatalogue catalogue) throws Exception {
    if (!Files.isDirectory(settings.modelDir())) {
      throw new IOException("model directory " + settings.modelDir() + " does not exist");
    }
    ReplayKafka kafka = new ReplayKafka(settings.bootstrapServers());
    ReplayService service = null;
    try {
      kafka.createTopics(1, false, List.of(ReplayTopics.CONTROL));
      kafka.createTopics(1, true, List.of(ReplayTopics.STATUS, ReplayTopics.DATASETS));
      service = new ReplayService(settings, catalogue, kafka);
      service.closeLeftovers();
      // requests before this point were meant for a service that is gone: start at the end
      TopicPartition partition = new TopicPartition(ReplayTopics.CONTROL, 0);
      service.control.assign(List.of(partition));
      service.control.seekToEnd(List.of(partition));
      service.control.position(partition, ReplayKafka.TIMEOUT);
      for (ReplayDataset dataset : catalogue.datasets()) {
        kafka.publish(dataset);
      }
      service.controlThread.start();
      LOG.info("Replay service offers {} datasets and takes requests on '{}'", catalogue.datasets().size(),
          ReplayTopics.CONTROL);
      return service;
    } catch (Exception | Error e) {
      if (service != null) {
        service.close();
      } else {
        kafka.close();
      }
      throw e;
    }
  }

  /** Runs a previous service left active can no longer end on their own; ended ones join the clean-up order. */
  private void closeLeftovers() throws Exception {
    Clock clock = Clock.systemUTC();
    List<ReplayStatus> known = kafka.latest(ReplayTopics.STATUS).values().stream()
        .map(this::decodeStatus)
        .filter(status -> status != null)
        .sorted(Comparator.comparing(ReplayStatus::updatedAt))
        .toList();
    for (ReplayStatus status : known) {
      if (status.active()) {
        kafka.write(status.with(ReplayStatus.FAILED, "the replay service restarted", clock.instant()));
      }
      pastRuns.addLast(status.runId());
    }
    retireOldRuns();
  }

  private ReplayStatus decodeStatus(String value) {
    try {
      return kafka.json().readValue(value, ReplayStatus.class);
    } catch (IOException e) {
      LOG.warn("Skipping a status that does not parse: {}", e.getMessage());
      return null;
    }
  }

  private void pollControl() {
    while (running) {
      try {
        for (ConsumerRecord<String, String> record : control.poll(POLL_TIMEOUT)) {
          handle(record);
        }
      } catch (WakeupException e) {
        break;
      } catch (RuntimeException e) {
        LOG.warn("Reading '{}' failed, retrying: {}", ReplayTopics.CONTROL, e.toString());
        sleep(Duration.ofSeconds(1));
      }
    }
    control.close(ReplayKafka.TIMEOUT);
  }

  private void handle(ConsumerRecord<String, String> record) {
    ReplayRequest request;
    try {
      request = kafka.json().readValue(record.value(), ReplayRequest.class);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      LOG.warn("Skipping request {}@{}: not a replay request ({})", ReplayTopics.CONTROL, record.offset(),
          e.getMessage());
      return;
    }
    if (!ReplayTopics.isRunId(request.runId())) {
      LOG.warn("Skipping request {}@{}: run id '{}' is not 1 to 64 letters, digits or dashes", ReplayTopics.CONTROL,
          record.offset(), request.runId());
      return;
    }
    try {
      if (ReplayRequest.STOP.equals(request.action())) {
        stop(request);
      } else if (ReplayRequest.START.equals(request.action())) {
        start(request);
      } else {
        LOG.warn("Skipping request {}@{}: unknown action '{}'", ReplayTopics.CONTROL, record.offset(),
            request.action());
      }
    } catch (Exception e) {
      LOG.warn("Could not handle request {}@{} for run {}: {}", ReplayTopics.CONTROL, record.offset(),
          request.runId(), e.toString());
    }
  }

  private synchronized void start(ReplayRequest request) throws Exception {
    Clock clock = Clock.systemUTC();
    if (current != null && !current.ended()) {
      kafka.write(ReplayStatus.requested(request, clock.instant()).with(ReplayStatus.REFUSED,
          "run " + current.runId() + " is active: one replay at a time", clock.instant()));
      remember(request.runId());
      return;
    }
    ReplayExecution execution = new ReplayExecution(request, settings, catalogue, kafka);
    execution.announce();
    current = execution;
    worker.execute(() -> {
      try {
        execution.run();
      } finally {
        remember(execution.runId());
      }
    });
  }

  private synchronized void stop(ReplayRequest request) {
    if (current != null && current.runId().equals(request.runId()) && !current.ended()) {
      current.stop(request.requestedBy());
    } else {
      LOG.info("Stop request for run {}, which is not active: nothing to stop", request.runId());
    }
  }

  private synchronized void remember(String runId) {
    pastRuns.remove(runId);
    pastRuns.addLast(runId);
    retireOldRuns();
  }

  /** Deletes the status and topics of the runs beyond the last {@code keptRuns} (bounded disk). */
  private synchronized void retireOldRuns() {
    while (pastRuns.size() > settings.keptRuns()) {
      String old = pastRuns.removeFirst();
      try {
        kafka.forget(old);
      } catch (Exception e) {
        LOG.warn("Could not remove the status of run {}: {}", old, e.toString());
      }
      kafka.deleteTopics(ReplayTopics.ofRun(old));
      LOG.info("Deleted the topics of replay run {}", old);
    }
  }

  /** Stops taking requests, stops the active run (its job is cancelled) and closes the Kafka clients. */
  @Override
  public void close() {
    running = false;
    control.wakeup();
    try {
      controlThread.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ReplayExecution active;
    synchronized (this) {
      active = current;
    }
    if (active != null && !active.ended()) {
      active.stop("the replay service stopping");
      try {
        if (!active.awaitEnd(STOP_TIMEOUT)) {
          LOG.warn("Replay run {} did not end within {}", active.runId(), STOP_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    worker.shutdownNow();
    kafka.close();
  }

  private static Properties controlProperties(String bootstrapServers) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "hotwatch-replay-service");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return props;
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
