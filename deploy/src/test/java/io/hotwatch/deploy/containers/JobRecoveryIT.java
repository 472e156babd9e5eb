package io.hotwatch.deploy.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.deploy.ReplayInput;
import io.hotwatch.deploy.ReplayResult;
import io.hotwatch.deploy.ReplayRun;
import io.hotwatch.deploy.ReplaySpeed;
import io.hotwatch.deploy.Replayer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.lifecycle.Startables;

/**
 * The shipped job image survives what a cluster does to it: a TaskManager killed mid-stream and replaced, and a
 * stop-with-savepoint that restarts the job on a new cluster at twice the parallelism. Both replay the same real
 * Chicago incidents, and in both what a reader of committed data sees on the hotspot topic must be, event for event,
 * what an uninterrupted run of the workflow over the same input makes: nothing lost, nothing twice.
 *
 * <p>Nothing is faked: the failure is a SIGKILL of the TaskManager's container, the rescale a REST call to the
 * JobManager, and the reference the job's own workflow in this JVM over the same Kafka records.
 */
@Testcontainers(disabledWithoutDocker = true)
class JobRecoveryIT {

  private static final Logger LOG = LoggerFactory.getLogger(JobRecoveryIT.class);

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));
  private static final Path MONTH = HOME.resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
  private static final Path MODEL = HOME.resolve("deploy/demo/model");
  // 1,516 incidents; three hotspots and fourteen events, the first decided at 22:30 on the 17th
  private static final Instant FROM = Instant.parse("2017-07-17T10:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-19T05:00:00Z");
  // sent at once before the job starts: the history up to the first hotspot's first two events
  private static final Instant FIRST_PART_END = Instant.parse("2017-07-17T23:00:00Z");
  // the rest, 30 h of event time, in about 30 s: still arriving while the job is taken down and brought back
  private static final ReplaySpeed REST_SPEED = new ReplaySpeed(3600);
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration OUT_OF_ORDERNESS = Duration.ofMinutes(5); // the job's default
  // Longer than any pause here (the first part waiting for the job, a job down): both partitions always carry data,
  // so a partition declared idle would only let the other's event time run ahead of it by chance of timing.
  private static final Duration IDLENESS = Duration.ofMinutes(10);
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(6);
  private static final String REFERENCE_TOPIC = "incidents-reference";
  private static final HotspotJobCluster KILLED = new HotspotJobCluster("killed", 1, CHECKPOINT_INTERVAL, IDLENESS);
  // one job on its topics before and after the savepoint
  private static final HotspotJobCluster RESCALED_FROM =
      new HotspotJobCluster("rescaled", 1, CHECKPOINT_INTERVAL, IDLENESS);
  private static final HotspotJobCluster RESCALED_TO =
      new HotspotJobCluster("rescaled", 2, CHECKPOINT_INTERVAL, IDLENESS);

  private static List<Incident> firstPart;
  private static List<Incident> restPart;
  private static Network network;
  private static KafkaBrokerContainer kafka;
  /** The uninterrupted run's hotspot events decided before {@link #lastStep}. */
  private static List<JsonNode> reference;
  /**
   * Event time the containers' job reaches at the end of the input: each partition's watermark stops five minutes
   * behind its newest incident, and the job's is the lower of the two. The uninterrupted run ends its input and
   * decides a few steps more; only those before this instant are compared.
   */
  private static Instant lastStep;

  @BeforeAll
  static void startBrokerAndRunTheReference() throws Exception {
    List<Incident> slice = incidents();
    firstPart = slice.stream().filter(i -> i.occurredAt().isBefore(FIRST_PART_END)).toList();
    restPart = slice.stream().filter(i -> !i.occurredAt().isBefore(FIRST_PART_END)).toList();
    long started = System.nanoTime();
    HotwatchImages.flink();
    network = Network.newNetwork();
    kafka = new KafkaBrokerContainer(HotwatchImages.kafka()).withNetwork(network);
    kafka.start();
    LOG.info("images built and broker started in {} s", seconds(started));
    // every test's topics now: long before anything is written to them
    List<String> topics = new ArrayList<>(List.of(REFERENCE_TOPIC));
    topics.addAll(KILLED.topics());
    topics.addAll(RESCALED_FROM.topics());
    createTopics(topics);
    replay(slice, REFERENCE_TOPIC);
    lastStep = newestPerPartition(REFERENCE_TOPIC).values().stream().min(Instant::compareTo).orElseThrow()
        .minus(OUT_OF_ORDERNESS);
    List<JsonNode> all = ReferenceRun.hotspotEvents(kafka.bootstrapServers(), REFERENCE_TOPIC, MODEL, IDLENESS);
    reference = all.stream().filter(e -> HotspotEvents.evaluatedAt(e).isBefore(lastStep)).toList();
    LOG.info("reference: {} hotspot events before {} ({} in all) after {} s", reference.size(), lastStep, all.size(),
        seconds(started));
    assertThat(reference.stream().filter(e -> "opened".equals(e.get("type").asText())))
        .as("the input must open hotspots for these tests to mean anything")
        .hasSizeGreaterThanOrEqualTo(3);
    assertThat(reference).hasSizeGreaterThanOrEqualTo(10);
    assertThat(reference.stream().filter(e -> HotspotEvents.evaluatedAt(e).isBefore(FIRST_PART_END)))
        .as("the first part must decide some events, the rest the others")
        .isNotEmpty()
        .hasSizeLessThan(reference.size());
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
    if (network != null) {
      network.close();
    }
  }

  @Test
  void aTaskManagerKilledMidStreamIsReplacedAndReadersSeeWhatACleanRunCommits() throws Exception {
    long started = System.nanoTime();
    replay(firstPart, KILLED.incidentsTopic());
    try (StateVolume state = new StateVolume("killed");
        GenericContainer<?> jobManager = KILLED.jobManager(network, state, null);
        GenericContainer<?> taskManager = KILLED.taskManager(network, state);
        GenericContainer<?> replacement = KILLED.taskManager(network, state)) {
      try {
        // together, as compose starts them: the TaskManager keeps trying to register until the JobManager answers
        Startables.deepStart(jobManager, taskManager).join();
        FlinkRest rest = new FlinkRest(jobManager);
        String jobId = awaitAllTasksRunning(rest);
        int committedBefore = awaitFirstCommitted(KILLED);
        LOG.info("killed: job {} running, {} events committed after {} s", jobId, committedBefore, seconds(started));

        ReplayResult sent;
        try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), REST_SPEED);
            ReplayRun restOfInput = replayer.start(ReplayInput.ofIncidents(restPart), KILLED.incidentsTopic())) {
          await().atMost(Duration.ofSeconds(30)).until(() -> restOfInput.enqueued() > 0);
          long checkpoint = rest.latestCompletedCheckpoint(jobId);
          assertThat(checkpoint).as("a checkpoint completed before the kill").isPositive();
          DockerClientFactory.instance().client().killContainerCmd(taskManager.getContainerId())
              .withSignal("KILL").exec();
          assertThat(restOfInput.isDone()).as("the replay is still sending when the TaskManager dies").isFalse();
          LOG.info("killed: TaskManager killed after checkpoint {}, {} of {} later incidents sent, after {} s",
              checkpoint, restOfInput.enqueued(), restPart.size(), seconds(started));

          await().atMost(Duration.ofMinutes(2)).until(() -> rest.taskManagers() == 0);
          replacement.start();
          await().atMost(HotspotJobCluster.START_TIMEOUT).pollInterval(Duration.ofSeconds(2))
              .until(() -> rest.allTasksRunning(jobId));
          JsonNode restored = rest.restoredFrom(jobId);
          LOG.info("killed: job running again on a new TaskManager from {} after {} s", restored, seconds(started));
          assertThat(rest.taskManagers()).isEqualTo(1);
          assertThat(rest.restarts(jobId)).as("the job restarted").isPositive();
          assertThat(restored).as("the job restored a checkpoint").isNotNull();
          assertThat(restored.path("is_savepoint").asBoolean()).isFalse();
          assertThat(restored.path("id").asLong()).as("the last checkpoint or a later one").isGreaterThanOrEqualTo(
              checkpoint);
          sent = restOfInput.await();
        }
        assertThat(sent.sent()).isEqualTo(restPart.size());

        List<JsonNode> committed = awaitTheReference(KILLED);
        assertThat(committed.size()).as("events committed after the restart").isGreaterThan(committedBefore);
        LOG.info("killed: {} committed events equal the reference after {} s", committed.size(), seconds(started));
      } catch (Throwable failure) {
        List.of(jobManager, taskManager, replacement).forEach(ContainerLogs::printTail);
        throw failure;
      }
    }
  }

  @Test
  void aSavepointMovesTheJobFromOneSlotToTwoAndReadersSeeWhatACleanRunCommits() throws Exception {
    long started = System.nanoTime();
    replay(firstPart, RESCALED_FROM.incidentsTopic());
    try (StateVolume state = new StateVolume("rescaled");
        Replayer replayer = Replayer.connect(kafka.bootstrapServers(), REST_SPEED)) {
      ReplayRun restOfInput;
      String savepoint;
      int committedBefore;
      // the first cluster stays up when its job has stopped, so that the savepoint's trigger can be asked about
      try (GenericContainer<?> jobManager =
              RESCALED_FROM.jobManager(network, state, null, "execution.shutdown-on-application-finish: false");
          GenericContainer<?> taskManager = RESCALED_FROM.taskManager(network, state)) {
        try {
          Startables.deepStart(jobManager, taskManager).join();
          FlinkRest rest = new FlinkRest(jobManager);
          String jobId = awaitAllTasksRunning(rest);
          committedBefore = awaitFirstCommitted(RESCALED_FROM);
          restOfInput = replayer.start(ReplayInput.ofIncidents(restPart), RESCALED_FROM.incidentsTopic());
          await().atMost(Duration.ofSeconds(30)).until(() -> restOfInput.enqueued() > 0);
          assertThat(restOfInput.isDone()).as("the replay is still sending when the job is stopped").isFalse();
          String trigger = rest.stopWithSavepoint(jobId, "file://" + StateVolume.MOUNT + "/savepoints");
          savepoint = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
              .until(() -> rest.savepointLocation(jobId, trigger), location -> location != null);
          await().atMost(Duration.ofMinutes(1))
              .until(() -> rest.get("jobs/" + jobId).path("state").asText(), "FINISHED"::equals);
          LOG.info("rescaled: stopped with savepoint {} after {} events committed, {} of {} later incidents sent,"
              + " after {} s", savepoint, committedBefore, restOfInput.enqueued(), restPart.size(), seconds(started));
        } catch (Throwable failure) {
          List.of(jobManager, taskManager).forEach(ContainerLogs::printTail);
          throw failure;
        }
      }

      try (GenericContainer<?> jobManager = RESCALED_TO.jobManager(network, state, savepoint);
          GenericContainer<?> taskManager = RESCALED_TO.taskManager(network, state)) {
        try {
          Startables.deepStart(jobManager, taskManager).join();
          FlinkRest rest = new FlinkRest(jobManager);
          String jobId = awaitAllTasksRunning(rest);
          JsonNode restored = rest.restoredFrom(jobId);
          LOG.info("rescaled: job {} running at parallelism 2 from {} after {} s", jobId, restored, seconds(started));
          assertThat(restored).as("the new job restored the savepoint").isNotNull();
          assertThat(restored.path("is_savepoint").asBoolean()).isTrue();
          assertThat(restored.path("external_path").asText()).isEqualTo(savepoint);
          List<Integer> parallelism = new ArrayList<>();
          rest.get("jobs/" + jobId).path("vertices").forEach(v -> parallelism.add(v.path("parallelism").asInt()));
          assertThat(parallelism).isNotEmpty().containsOnly(2);

          assertThat(restOfInput.await().sent()).isEqualTo(restPart.size());
          List<JsonNode> committed = awaitTheReference(RESCALED_TO);
          assertThat(committed.size()).as("events committed after the rescale").isGreaterThan(committedBefore);
          LOG.info("rescaled: {} committed events equal the reference after {} s", committed.size(), seconds(started));
        } catch (Throwable failure) {
          List.of(jobManager, taskManager).forEach(ContainerLogs::printTail);
          throw failure;
        }
      } finally {
        restOfInput.close();
      }
    }
  }

  /**
   * Waits until what readers of committed data see on the job's hotspot topic is the reference: the same events (each
   * once) up to {@link #lastStep}, with forecasts that agree, and nothing else. Returns the committed events.
   */
  private static List<JsonNode> awaitTheReference(HotspotJobCluster job) {
    List<String> expected = reference.stream().map(HotspotEvents::describe).sorted().toList();
    List<JsonNode> committed = new ArrayList<>();
    await()
        .atMost(SETTLE_TIMEOUT)
        .pollInterval(CHECKPOINT_INTERVAL.multipliedBy(3))
        .untilAsserted(() -> {
          committed.clear();
          committed.addAll(HotspotEvents.committed(kafka.bootstrapServers(), job.hotspotTopic()));
          assertThat(committed.stream().map(HotspotEvents::describe).sorted().toList()).isEqualTo(expected);
        });
    // and it stays so over several checkpoints: no event comes twice, late
    await()
        .during(CHECKPOINT_INTERVAL.multipliedBy(5))
        .atMost(Duration.ofSeconds(30))
        .until(() -> HotspotEvents.committed(kafka.bootstrapServers(), job.hotspotTopic()).size() == committed.size());
    Map<String, JsonNode> byDescription = new HashMap<>();
    reference.forEach(e -> byDescription.put(HotspotEvents.describe(e), e));
    for (JsonNode event : committed) {
      assertThat(HotspotEvents.sameForecast(event, byDescription.get(HotspotEvents.describe(event))))
          .as("forecast of %s: %s against %s", HotspotEvents.describe(event), event.get("forecast"),
              byDescription.get(HotspotEvents.describe(event)).get("forecast"))
          .isTrue();
    }
    return committed;
  }

  /** Waits for the job to commit its first hotspot events; returns how many there are. */
  private static int awaitFirstCommitted(HotspotJobCluster job) {
    return await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> HotspotEvents.committed(kafka.bootstrapServers(), job.hotspotTopic()).size(), n -> n > 0);
  }

  private static String awaitAllTasksRunning(FlinkRest rest) {
    return await()
        .atMost(HotspotJobCluster.START_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .until(() -> {
          String jobId = rest.jobId();
          return jobId != null && rest.allTasksRunning(jobId) ? jobId : null;
        }, id -> id != null);
  }

  private static List<Incident> incidents() throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(MONTH)) {
      return rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .filter(i -> !i.occurredAt().isBefore(FROM) && i.occurredAt().isBefore(TO))
          .toList();
    }
  }

  /** Sends {@code incidents} as fast as Kafka takes them, in event-time order, as {@code hotwatch replay} does. */
  private static void replay(List<Incident> incidents, String topic) throws Exception {
    try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), ReplaySpeed.MAX)) {
      assertThat(replayer.replay(ReplayInput.ofIncidents(incidents), topic).sent()).isEqualTo(incidents.size());
    }
  }

  /** The newest event time in each partition of {@code topic}. */
  private static Map<Integer, Instant> newestPerPartition(String topic) {
    Map<Integer, Instant> newest = new HashMap<>();
    for (ConsumerRecord<String, String> record : HotspotEvents.committedRecords(kafka.bootstrapServers(), topic)) {
      Instant at = Instant.parse(HotspotEvents.parse(record.value()).get("occurredAt").asText());
      newest.merge(record.partition(), at, (a, b) -> a.isAfter(b) ? a : b);
    }
    assertThat(newest).as("incidents in both partitions").hasSize(2);
    return newest;
  }

  /**
   * Creates the topics, two partitions each, and waits until every partition's leader serves requests: an idempotent
   * producer that writes to a partition whose leader is not ready yet can be refused for good (out-of-order sequence).
   */
  private static void createTopics(Collection<String> topics) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin.createTopics(topics.stream().map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get();
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      topics.forEach(t -> List.of(0, 1).forEach(p -> ends.put(new TopicPartition(t, p), OffsetSpec.latest())));
      await().atMost(Duration.ofMinutes(1)).ignoreExceptions().until(() -> admin.listOffsets(ends).all().get() != null);
    }
  }

  private static long seconds(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toSeconds();
  }
}
