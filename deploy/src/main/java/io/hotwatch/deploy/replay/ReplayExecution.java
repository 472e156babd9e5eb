package io.hotwatch.deploy.replay;

import io.hotwatch.core.replay.ReplayRequest;
import io.hotwatch.core.replay.ReplayStatus;
import io.hotwatch.core.replay.ReplayTopics;
import io.hotwatch.deploy.ReplayInput;
import io.hotwatch.deploy.ReplayRecord;
import io.hotwatch.deploy.ReplayResult;
import io.hotwatch.deploy.ReplayRun;
import io.hotwatch.deploy.ReplaySpeed;
import io.hotwatch.deploy.ReplayWindow;
import io.hotwatch.deploy.Replayer;
import io.hotwatch.flink.HotspotJob;
import io.hotwatch.flink.HotspotJobConfig;
import io.hotwatch.flink.kafka.KafkaConnectors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay run: reads the dataset's incidents in the requested range, creates the run's topics, starts a fresh
 * hotspot job on a local MiniCluster of its own, replays the incidents into it at the requested speed and reports
 * each step to the status topic until the job has worked through the end of its input.
 *
 * <p>The job reads the run's incident topic up to the last record the replay sends and then ends, as a run over files
 * does: the end of input moves event time past the last incident, so every window is evaluated and the last hotspots
 * close, and the job's final checkpoint commits what they wrote. A live job never gets there (its watermark waits for
 * the next incident), which is why the run's topic is read bounded.
 */
final class ReplayExecution implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayExecution.class);
  /** How often progress is written while incidents are sent. */
  static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);
  /** Checkpoints, on which the job commits its output, every second: an analyst watching should not wait longer. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  private final ReplayRequest request;
  private final ReplayService.Settings settings;
  private final DatasetCatalogue catalogue;
  private final ReplayKafka kafka;
  private final Clock clock = Clock.systemUTC();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile ReplayStatus status;
  private volatile String stoppedBy;
  private volatile ReplayRun replay;
  private volatile JobClient job;
  private volatile long lastProgressNanos;

  ReplayExecution(ReplayRequest request, ReplayService.Settings settings, DatasetCatalogue catalogue,
      ReplayKafka kafka) {
    this.request = request;
    this.settings = settings;
    this.catalogue = catalogue;
    this.kafka = kafka;
    this.status = ReplayStatus.requested(request, clock.instant());
  }

  String runId() {
    return request.runId();
  }

  boolean ended() {
    return ended.getCount() == 0;
  }

  /** Waits for the run to end, up to {@code timeout}; true when it has. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Asks the run to stop: no more incidents are sent and its job is cancelled. Returns at once. */
  void stop(String by) {
    stoppedBy = by == null ? "someone" : by;
    ReplayRun sending = replay;
    if (sending != null) {
      sending.stop();
    }
    JobClient running = job;
    if (running != null) {
      running.cancel();
    }
  }

  /** Writes the first status, before the run is queued, so that it shows at once. */
  void announce() throws Exception {
    kafka.write(status);
  }

  @Override
  public void run() {
    try {
      execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      end(ReplayStatus.STOPPED, "the replay service stopped");
    } catch (Exception | Error e) {
      LOG.warn("Replay run {} failed", runId(), e);
      end(stoppedBy != null ? ReplayStatus.STOPPED : ReplayStatus.FAILED,
          stoppedBy != null ? "stopped by " + stoppedBy : String.valueOf(e.getMessage()));
    } finally {
      JobClient running = job;
      if (running != null && !isTerminal(running)) {
        running.cancel();
      }
      ended.countDown();
    }
  }

  private void execute() throws Exception {
    var problem = request.problem(catalogue.datasets());
    if (problem.isPresent()) {
      end(ReplayStatus.REFUSED, problem.get().field() + ": " + problem.get().reason());
      return;
    }
    DatasetCatalogue.Entry dataset = catalogue.get(request.dataset()).orElseThrow();
    ReplayInput input = ReplayInput.load(
        List.of(dataset.file()), ReplayWindow.parse(request.from().toString(), request.to().toString()));
    long total = input.records().size();
    status = status.withProgress(null, 0, total, clock.instant());
    if (total == 0) {
      end(ReplayStatus.FAILED, "dataset '" + request.dataset() + "' holds no incident in [" + request.from() + ", "
          + request.to() + ")");
      return;
    }
    if (stoppedBy != null) {
      end(ReplayStatus.STOPPED, "stopped by " + stoppedBy);
      return;
    }
    String runId = runId();
    // one partition: the replay writes it in event-time order, and its end offset is the number of incidents sent
    kafka.createTopics(1, false, List.of(ReplayTopics.incidents(runId)));
    kafka.createTopics(settings.parallelism(), false,
        List.of(ReplayTopics.hotspots(runId), ReplayTopics.trends(runId), ReplayTopics.deadLetters(runId),
            ReplayTopics.scoredIncidents(runId)));
    HotspotJobConfig config = HotspotJobConfig.defaults(kafka.bootstrapServers(), settings.modelDir())
        .withTopics(ReplayTopics.incidents(runId), ReplayTopics.hotspots(runId), ReplayTopics.trends(runId),
            ReplayTopics.deadLetters(runId))
        // the live job's scored incidents reach the live map: a run's stay in a topic of its own
        .withScoredIncidentsTopic(ReplayTopics.scoredIncidents(runId))
        .withIdentity("hotwatch-replay-" + runId, "hotwatch-replay-" + runId)
        .withParallelism(settings.parallelism())
        .withCheckpointInterval(CHECKPOINT_INTERVAL);
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), new Configuration());
    job = HotspotJob.start(config, env,
        KafkaConnectors.incidentsUpTo(config, Map.of(new TopicPartition(config.incidentsTopic(), 0), total)), null);
    ReplaySpeed speed = ReplaySpeed.parse(request.speed());
    status = status.with(ReplayStatus.RUNNING, null, clock.instant());
    kafka.write(status);
    ReplayResult result;
    try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), speed)) {
      ReplayRun sending = replayer.start(input, config.incidentsTopic(), this::progress);
      replay = sending;
      if (stoppedBy != null) {
        sending.stop();
      }
      result = sending.await();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
    status = status.withProgress(status.eventTime(), result.sent(), total, clock.instant());
    if (result.stopped() || stoppedBy != null) {
      end(ReplayStatus.STOPPED, "stopped by " + stoppedBy);
      return;
    }
    if (result.sent() != total) {
      end(ReplayStatus.FAILED, "Kafka took " + result.sent() + " of " + total + " incidents: " + result.summary());
      return;
    }
    status = status.with(ReplayStatus.FINISHING, null, clock.instant());
    kafka.write(status);
    try {
      job.getJobExecutionResult().get();
    } catch (ExecutionException | CancellationException e) {
      if (stoppedBy != null) {
        end(ReplayStatus.STOPPED, "stopped by " + stoppedBy);
        return;
      }
      throw new IllegalStateException("the run's job failed: " + rootMessage(e), e);
    }
    end(ReplayStatus.FINISHED, null);
  }

  private void progress(ReplayRecord record) {
    long now = System.nanoTime();
    ReplayRun sending = replay;
    long sent = sending == null ? 0 : sending.enqueued();
    status = status.withProgress(record.eventTime(), sent, status.total(), clock.instant());
    if (now - lastProgressNanos >= PROGRESS_INTERVAL.toNanos()) {
      lastProgressNanos = now;
      kafka.writeLater(status);
    }
  }

  private void end(String state, String reason) {
    status = status.with(state, reason, clock.instant());
    try {
      kafka.write(status);
    } catch (Exception e) {
      LOG.warn("Could not write the final status of run {} ({}): {}", runId(), state, e.toString());
    }
    LOG.info("Replay run {} {}{}", runId(), state, reason == null ? "" : ": " + reason);
  }

  private static boolean isTerminal(JobClient client) {
    try {
      return client.getJobStatus().get(5, TimeUnit.SECONDS).isGloballyTerminalState();
    } catch (Exception e) {
      return true; // the cluster is gone with its job
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  Instant requestedAt() {
    return request.requestedAt();
  }
}
