package io.hotwatch.deploy.containers;

import io.hotwatch.deploy.JsonSockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.dashboard.security.GeneratedLogins;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The shipped images end to end: the KRaft broker, the job on a Flink JobManager and TaskManager, the dashboard and a
 * one-shot replay of a week of the bundled real Chicago incidents, each in its own container on one network. Every
 * hotspot alert the job commits must count exactly the replayed incidents in its cells and window, and a WebSocket
 * client of the dashboard must be shown every one of them.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerImagesIT {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerImagesIT.class);

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));
  private static final Path MONTH = HOME.resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
  // a week from midnight in Chicago: enough history in the windows for hotspots to open within it
  private static final Instant FROM = Instant.parse("2017-07-16T05:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-23T05:00:00Z");
  private static final List<String> TOPICS =
      List.of("incidents", "hotspot-events", "trends", "dead-letters", "scored-incidents");
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
  // the machine may be shared and slow: generous bounds, never sleeps
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

  // one login per role with a random password, and a random token secret: nothing to write down for a test
  private static final GeneratedLogins LOGINS = GeneratedLogins.forEveryRole(10_000);

  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void replayedIncidentsReachTheDashboardSocketAsHotspots() throws Exception {
    List<Incident> week = incidentsOfTheWeek();
    assertThat(week).hasSizeGreaterThan(2_000);
    long started = System.nanoTime();
    String flinkImage = HotwatchImages.flink();
    HotwatchImages.kafka();
    HotwatchImages.dashboard();
    HotwatchImages.tools();
    LOG.info("images built in {} s (base {})", seconds(started), HotwatchImages.baseImage());
    try (Network network = Network.newNetwork();
        KafkaBrokerContainer kafka = new KafkaBrokerContainer(HotwatchImages.kafka()).withNetwork(network);
        GenericContainer<?> jobManager = jobManager(flinkImage, network);
        GenericContainer<?> taskManager = taskManager(flinkImage, network);
        GenericContainer<?> dashboard = dashboard(network, LOGINS)) {
      List<GenericContainer<?>> all = List.of(kafka, jobManager, taskManager, dashboard);
      try {
        kafka.start();
        createTopics(kafka.bootstrapServers());
        jobManager.start();
        taskManager.start();
        dashboard.start();
        awaitJobRunning(jobManager);
        LOG.info("broker, job and dashboard running after {} s", seconds(started));

        ConcurrentLinkedQueue<JsonNode> messages = new ConcurrentLinkedQueue<>();
        WebSocket socket = connect(
            URI.create("ws://" + dashboard.getHost() + ":" + dashboard.getMappedPort(8080) + "/ws/hotspots"),
            basicAuth("viewer", LOGINS.password()), messages);
        await().atMost(Duration.ofSeconds(60)).until(() -> !messages.isEmpty());
        assertThat(messages.peek().get("type").asText()).isEqualTo("snapshot");

        String replayLog = replay(network);
        assertThat(replayLog).contains("sent " + week.size());
        LOG.info("{} incidents replayed after {} s", week.size(), seconds(started));

        // the job commits on checkpoints: wait until what it has committed stops growing
        List<JsonNode> published = new ArrayList<>();
        await()
            .atMost(Duration.ofMinutes(5))
            .pollInterval(CHECKPOINT_INTERVAL.multipliedBy(3))
            .until(() -> {
              List<JsonNode> now = published(kafka.bootstrapServers());
              boolean settled = !now.isEmpty() && now.size() == published.size();
              published.clear();
              published.addAll(now);
              return settled;
            });
        LOG.info("{} hotspot events committed after {} s", published.size(), seconds(started));
        List<JsonNode> live = published.stream().filter(a -> !"closed".equals(a.get("type").asText())).toList();
        assertThat(live).anyMatch(a -> "opened".equals(a.get("type").asText()));
        assertCountsMatchTheInput(live, week);

        Set<String> expected = new HashSet<>();
        live.forEach(a -> expected.add(describe(a)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(shown(messages)).containsAll(expected));
        LOG.info("all of them shown on the dashboard socket after {} s", seconds(started));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
      } catch (Throwable failure) {
        all.forEach(ContainerLogs::printTail);
        throw failure;
      }
    }
  }

  private static long seconds(long since) {
    return Duration.ofNanos(System.nanoTime() - since).toSeconds();
  }

  private static GenericContainer<?> jobManager(String image, Network network) {
    return new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withNetworkAliases("jobmanager")
        .withEnv("FLINK_PROPERTIES", flinkProperties())
        .withExposedPorts(8081)
        .withCommand(
            "standalone-job", "--job-classname", "io.hotwatch.flink.HotspotJob",
            "--bootstrap-servers", KafkaBrokerContainer.INTERNAL_BOOTSTRAP,
            "--model-dir", "/opt/hotwatch/model",
            "--checkpoint-interval", CHECKPOINT_INTERVAL.toSeconds() + "s")
        .waitingFor(Wait.forHttp("/jobs/overview").forPort(8081).withStartupTimeout(START_TIMEOUT));
  }

  private static GenericContainer<?> taskManager(String image, Network network) {
    return new GenericContainer<>(DockerImageName.parse(image))
        .withNetwork(network)
        .withEnv("FLINK_PROPERTIES", flinkProperties())
        .withCommand("taskmanager")
        .waitingFor(
            Wait.forLogMessage(".*Successful registration at resource manager.*", 1)
                .withStartupTimeout(START_TIMEOUT));
  }

  private static String flinkProperties() {
    return "jobmanager.rpc.address: jobmanager\nparallelism.default: 2\ntaskmanager.numberOfTaskSlots: 2";
  }

  /** The dashboard with these logins, given as environment variables as an operator would give them. */
  private static GenericContainer<?> dashboard(Network network, GeneratedLogins logins) {
    GenericContainer<?> dashboard = new GenericContainer<>(DockerImageName.parse(HotwatchImages.dashboard()))
        .withNetwork(network)
        .withEnv("KAFKA_BOOTSTRAP_SERVERS", KafkaBrokerContainer.INTERNAL_BOOTSTRAP)
        .withExposedPorts(8080)
        .waitingFor(Wait.forHttp("/health/readiness").forPort(8080).withStartupTimeout(START_TIMEOUT));
    logins.properties().forEach((key, value) -> dashboard.withEnv(
        key.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"),
        value instanceof Collection<?> list
            ? String.join(",", list.stream().map(Object::toString).toList())
            : value.toString()));
    return dashboard;
  }

  private static String basicAuth(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Runs the tools image's replay of the week to its end and returns what it printed. */
  private static String replay(Network network) {
    try (GenericContainer<?> replay = new GenericContainer<>(DockerImageName.parse(HotwatchImages.tools()))
        .withNetwork(network)
        .withEnv("HOTWATCH_JAVA_OPTS", "-Xmx1g")
        .withCommand(
            "replay", "--input", "deploy/demo/data/chicago_crimes_2017-07.csv.gz",
            "--bootstrap-servers", KafkaBrokerContainer.INTERNAL_BOOTSTRAP,
            "--speed", "max", "--from", FROM.toString(), "--to", TO.toString())
        .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(START_TIMEOUT))) {
      replay.start();
      return replay.getLogs();
    }
  }

  private static void createTopics(String bootstrapServers) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, 2, (short) 1)).toList()).all().get();
    }
  }

  /** Waits until the job and every one of its tasks run (the REST API of the JobManager). */
  private void awaitJobRunning(GenericContainer<?> jobManager) {
    URI overview =
        URI.create("http://" + jobManager.getHost() + ":" + jobManager.getMappedPort(8081) + "/jobs/overview");
    await().atMost(START_TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(overview).build(), HttpResponse.BodyHandlers.ofString());
      for (JsonNode job : json.readTree(response.body()).path("jobs")) {
        JsonNode tasks = job.path("tasks");
        if ("RUNNING".equals(job.path("state").asText())
            && tasks.path("total").asInt() > 0
            && tasks.path("running").asInt() == tasks.path("total").asInt()) {
          return true;
        }
      }
      return false;
    });
  }

  private static List<Incident> incidentsOfTheWeek() throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(MONTH)) {
      return rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .filter(i -> !i.occurredAt().isBefore(FROM) && i.occurredAt().isBefore(TO))
          .toList();
    }
  }

  /** Every alert names exactly the input's incidents in its cells and window, and counts them. */
  private static void assertCountsMatchTheInput(List<JsonNode> alerts, List<Incident> incidents) {
    CellIndex cells = new CellIndex(CellIndex.DEFAULT_RESOLUTION);
    for (JsonNode alert : alerts) {
      Set<String> alertCells = new HashSet<>();
      alert.get("cells").forEach(c -> alertCells.add(c.asText()));
      Instant start = Instant.parse(alert.get("windowStart").asText());
      Instant end = Instant.parse(alert.get("windowEnd").asText());
      Set<String> inInput = new HashSet<>();
      for (Incident i : incidents) {
        if (!i.occurredAt().isBefore(start) && i.occurredAt().isBefore(end)
            && alertCells.contains(cells.cellOf(i.latitude(), i.longitude()))) {
          inInput.add(i.id());
        }
      }
      List<String> ids = new ArrayList<>();
      alert.get("incidentIds").forEach(id -> ids.add(id.asText()));
      assertThat(ids).as("alert %s", describe(alert)).hasSize(alert.get("observed").asInt());
      assertThat(Set.copyOf(ids)).as("alert %s", describe(alert)).isEqualTo(inInput);
    }
  }

  private static String describe(JsonNode alert) {
    return alert.get("hotspotId").asText() + "#" + alert.get("revision").asInt() + " observed="
        + alert.get("observed").asLong();
  }

  /** The alerts a socket client was shown: one by one, or inside a snapshot. */
  private static Set<String> shown(ConcurrentLinkedQueue<JsonNode> messages) {
    Set<String> shown = new HashSet<>();
    for (JsonNode m : messages) {
      switch (m.get("type").asText()) {
        case "opened", "updated", "closed" -> shown.add(describe(m.get("hotspot")));
        case "snapshot" -> m.get("hotspots").forEach(a -> shown.add(describe(a)));
        case "trend" -> { } // the stream's rolling trends; this test follows the hotspots
        default -> throw new AssertionError("unexpected message " + m);
      }
    }
    return shown;
  }

  /** The hotspot alerts committed so far, read from the start as the dashboard reads them. */
  private List<JsonNode> published(String bootstrapServers) throws Exception {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<JsonNode> got = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor("hotspot-events").stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          got.add(json.readTree(record.value()));
        }
      }
    }
    return got;
  }

  private WebSocket connect(URI uri, String authorization, ConcurrentLinkedQueue<JsonNode> messages) {
    return JsonSockets.connect(http, uri, authorization, messages);
  }
}
