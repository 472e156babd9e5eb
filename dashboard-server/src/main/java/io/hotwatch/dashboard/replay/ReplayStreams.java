package io.hotwatch.dashboard.replay;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.core.replay.ReplayStatus;
import io.hotwatch.core.replay.ReplayTopics;
import io.hotwatch.dashboard.alerting.PoliceDistricts;
import io.hotwatch.dashboard.board.BoardSettings;
import io.hotwatch.dashboard.board.HotspotBoard;
import io.hotwatch.dashboard.incidents.IncidentSettings;
import io.hotwatch.dashboard.kafka.HotspotAlertDecoder;
import io.hotwatch.dashboard.kafka.WholeTopicReader;
import io.hotwatch.dashboard.stream.StreamCounters;
import io.hotwatch.dashboard.stream.StreamSettings;
import io.hotwatch.dashboard.web.HotspotFeed;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hotspot stream of each replay run, for {@code /ws/replay/{runId}}: a {@link HotspotFeed} and {@link HotspotBoard}
 * of its own per run (the live ones never see a replay), fed from the run's hotspot topic, read committed from the
 * start. A run's stream is made when a client first asks for it once the run has topics, and closed when the service
 * forgets the run.
 */
@Singleton
public final class ReplayStreams {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayStreams.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);

  /** One run's stream and the reader that feeds it. */
  private record RunStream(HotspotFeed feed, WholeTopicReader reader) {}

  private final String bootstrapServers;
  private final ReplayDirectory directory;
  private final PoliceDistricts districts;
  private final StreamSettings streamSettings;
  private final IncidentSettings incidentSettings;
  private final Duration retention;
  private final HotspotAlertDecoder decoder = new HotspotAlertDecoder();
  private final Map<String, RunStream> streams = new ConcurrentHashMap<>();

  public ReplayStreams(
      @Property(name = "kafka.bootstrap.servers") String bootstrapServers, ReplayDirectory directory,
      PoliceDistricts districts, StreamSettings streamSettings, BoardSettings board,
      IncidentSettings incidentSettings) {
    this.bootstrapServers = bootstrapServers;
    this.directory = directory;
    this.districts = districts;
    this.streamSettings = streamSettings;
    this.incidentSettings = incidentSettings;
    this.retention = board.retention();
    directory.onRunChange(this::runChanged);
  }

  /** The stream of a run that has topics (it has started), made on first use; empty for any other. */
  public synchronized Optional<HotspotFeed> feed(String runId) {
    RunStream existing = streams.get(runId);
    if (existing != null) {
      return Optional.of(existing.feed());
    }
    Optional<ReplayStatus> status = directory.run(runId);
    if (status.isEmpty() || !hasTopics(status.get())) {
      return Optional.empty();
    }
    // meters of its own: a replay's traffic must not show in the live stream's figures
    HotspotFeed feed = new HotspotFeed(new HotspotBoard(retention), districts, streamSettings, new StreamCounters(),
        new SimpleMeterRegistry(), incidentSettings);
    WholeTopicReader reader = new WholeTopicReader(bootstrapServers, List.of(ReplayTopics.hotspots(runId)),
        "hotwatch-dashboard-replay-" + runId, POLL_TIMEOUT, (record, polledAt) -> publish(feed, record, polledAt));
    reader.start("replay-" + runId + "-hotspots");
    streams.put(runId, new RunStream(feed, reader));
    return Optional.of(feed);
  }

  /** The stream of a run, if one has been made. */
  public Optional<HotspotFeed> existing(String runId) {
    return Optional.ofNullable(streams.get(runId)).map(RunStream::feed);
  }

  /** Whether the service got as far as creating the run's topics. */
  private static boolean hasTopics(ReplayStatus status) {
    return switch (status.state()) {
      case ReplayStatus.RUNNING, ReplayStatus.FINISHING, ReplayStatus.FINISHED -> true;
      // a run stopped or failed after it started has topics; one stopped or failed before has none, and nothing to show
      case ReplayStatus.STOPPED, ReplayStatus.FAILED -> status.total() > 0;
      default -> false;
    };
  }

  private void publish(HotspotFeed feed, ConsumerRecord<String, String> record, long polledAt) {
    HotspotAlert alert;
    try {
      alert = decoder.decode(record.value());
    } catch (InvalidRecordException e) {
      LOG.warn("Skipping record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.reason());
      return;
    }
    feed.publish(alert, record.partition(), polledAt);
  }

  private void runChanged(String runId) {
    if (directory.run(runId).isEmpty()) {
      close(runId);
    }
  }

  private synchronized void close(String runId) {
    RunStream stream = streams.remove(runId);
    if (stream != null) {
      stream.reader().stop();
    }
  }

  /** Pings the replay sessions as the live feed pings its own, so quiet ones stay open. */
  @Scheduled(fixedDelay = "${hotwatch.socket.ping-interval:30s}")
  public void ping() {
    streams.values().forEach(stream -> stream.feed().ping());
  }

  @PreDestroy
  public synchronized void stop() {
    streams.values().forEach(stream -> stream.reader().stop());
    streams.clear();
  }
}
