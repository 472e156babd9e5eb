package io.hotwatch.deploy.containers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The hotspot job's application cluster from the hotwatch-flink image: a JobManager that runs the job on its own topics
 * and a TaskManager, both with checkpoints and savepoints on one {@link StateVolume}.
 *
 * @param name names the job's topics, consumer group and transactional ids, so that runs on one broker stay apart
 * @param parallelism the job's parallelism, and the slots of each TaskManager
 * @param checkpointInterval how often the job checkpoints and so commits its output
 * @param idleness the job's {@code --idleness}
 */
record HotspotJobCluster(String name, int parallelism, Duration checkpointInterval, Duration idleness) {

  static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  String incidentsTopic() {
    return "incidents-" + name;
  }

  String hotspotTopic() {
    return "hotspot-events-" + name;
  }

  List<String> topics() {
    return List.of(
        incidentsTopic(), hotspotTopic(), "trends-" + name, "dead-letters-" + name, "scored-incidents-" + name);
  }

  /**
   * The JobManager running the job; {@code savepoint} (a path on the volume) or null, and extra Flink settings
   * ({@code key: value} lines).
   */
  GenericContainer<?> jobManager(Network network, StateVolume state, String savepoint, String... settings) {
    List<String> command =
        new ArrayList<>(List.of("standalone-job", "--job-classname", "io.hotwatch.flink.HotspotJob"));
    if (savepoint != null) {
      command.addAll(List.of("--fromSavepoint", savepoint));
    }
    command.addAll(
        List.of(
            "--bootstrap-servers", KafkaBrokerContainer.INTERNAL_BOOTSTRAP,
            "--model-dir", "/opt/hotwatch/model",
            "--incidents-topic", incidentsTopic(),
            "--hotspot-topic", hotspotTopic(),
            "--trends-topic", "trends-" + name,
            "--dead-letter-topic", "dead-letters-" + name,
            "--scored-incidents-topic", "scored-incidents-" + name,
            "--group-id", "hotwatch-" + name,
            "--transactional-id-prefix", "hotwatch-" + name,
            "--checkpoint-interval", checkpointInterval.toMillis() + "ms",
            "--idleness", idleness.toSeconds() + "s"));
    return state.mountOn(
        new GenericContainer<>(DockerImageName.parse(HotwatchImages.flink()))
            .withNetwork(network)
            .withNetworkAliases("jobmanager")
            .withEnv("FLINK_PROPERTIES", properties(settings))
            .withExposedPorts(FlinkRest.PORT)
            .withCommand(command.toArray(String[]::new))
            .waitingFor(Wait.forHttp("/jobs/overview").forPort(FlinkRest.PORT).withStartupTimeout(START_TIMEOUT)));
  }

  /** A TaskManager with {@link #parallelism} slots. */
  GenericContainer<?> taskManager(Network network, StateVolume state) {
    return state.mountOn(
        new GenericContainer<>(DockerImageName.parse(HotwatchImages.flink()))
            .withNetwork(network)
            .withEnv("FLINK_PROPERTIES", properties())
            .withCommand("taskmanager")
            .waitingFor(
                Wait.forLogMessage(".*Successful registration at resource manager.*", 1)
                    .withStartupTimeout(START_TIMEOUT)));
  }

  /**
   * The cluster's settings: heartbeats of a few seconds, so that a lost TaskManager is noticed in seconds rather than
   * Flink's default 50 s, and the slots the parallelism needs.
   */
  private String properties(String... settings) {
    List<String> lines =
        new ArrayList<>(
            List.of(
                "jobmanager.rpc.address: jobmanager",
                "parallelism.default: " + parallelism,
                "taskmanager.numberOfTaskSlots: " + parallelism,
                "heartbeat.interval: 2000",
                "heartbeat.timeout: 10000"));
    lines.addAll(List.of(settings));
    return String.join("\n", lines);
  }
}
