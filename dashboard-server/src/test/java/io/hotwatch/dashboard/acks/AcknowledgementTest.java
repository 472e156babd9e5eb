package io.hotwatch.dashboard.acks;

import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.DashboardServer;
import io.hotwatch.dashboard.TestLogins;
import io.hotwatch.dashboard.security.Roles;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledgements through two dashboard servers on one real broker, as two control rooms would run them: one made on
 * the first reaches the second's API and its sockets, is refused a second time, and is still there for a server
 * started afterwards, read back from the compacted topic.
 */
class AcknowledgementTest {

  private static final String TOPIC = "hotspot-events";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = EventCodec.newObjectMapper();

  @Test
  void anAcknowledgementIsKeptInKafkaAndSeenByEveryServer() throws Exception {
    HotspotAlert loop = opened(around(LOOP), Instant.parse("2017-07-14T18:00:00Z"));
    String alertId = loop.hotspotId() + ":" + loop.revision();
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(1, TOPIC, "trends");
      try (DashboardServer first = start(kafka);
          DashboardServer second = start(kafka);
          KafkaProducer<String, String> producer = producer(kafka)) {
        producer.send(new ProducerRecord<>(TOPIC, loop.hotspotId(), new EventCodec().encode(loop))).get();
        await().atMost(WAIT).until(() -> get(first, "/api/alerts/" + alertId).statusCode() == 200);
        ConcurrentLinkedQueue<JsonNode> secondSocket = new ConcurrentLinkedQueue<>();
        WebSocket socket = connect(second, secondSocket);

        // a viewer may not acknowledge; a malformed id and an over-long note are refused with the reason
        assertThat(ack(first, Roles.VIEWER, alertId, "seen").statusCode()).isEqualTo(403);
        HttpResponse<String> badId = ack(first, Roles.DISPATCHER, "no-revision", "seen");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badId.body()).path("parameter").asText()).isEqualTo("alertId");
        assertThat(badId.body()).contains("is not <hotspotId>:<revision>");
        HttpResponse<String> unknown = ack(first, Roles.DISPATCHER, loop.hotspotId() + ":7", "seen");
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> longNote = ack(first, Roles.DISPATCHER, alertId, "x".repeat(501));
        assertThat(longNote.statusCode()).isEqualTo(400);
        assertThat(json.readTree(longNote.body()).path("parameter").asText()).isEqualTo("note");
        assertThat(longNote.body()).contains("at most 500");

        HttpResponse<String> made = ack(first, Roles.DISPATCHER, alertId, "unit 12 on the way");
        assertThat(made.statusCode()).isEqualTo(201);
        JsonNode ack = json.readTree(made.body());
        assertThat(ack.path("alertId").asText()).isEqualTo(alertId);
        assertThat(ack.path("hotspotId").asText()).isEqualTo(loop.hotspotId());
        assertThat(ack.path("by").asText()).isEqualTo(Roles.DISPATCHER);
        assertThat(ack.path("note").asText()).isEqualTo("unit 12 on the way");

        // the other server shows it on its API and pushes it to its socket, once
        await().atMost(WAIT).until(() -> acks(second).size() == 1);
        assertThat(acks(second).get(0)).isEqualTo(ack);
        await().atMost(WAIT).until(() -> secondSocket.stream().anyMatch(m -> m.path("type").asText().equals("ack")));
        List<JsonNode> pushed = secondSocket.stream().filter(m -> m.path("type").asText().equals("ack")).toList();
        assertThat(pushed).hasSize(1);
        assertThat(pushed.get(0).path("ack")).isEqualTo(ack);
        assertThat(pushed.get(0).path("seq").asLong()).isPositive();

        // once acknowledged, an alert is not acknowledged again; the answer says by whom
        await().atMost(WAIT).until(() -> acks(first).size() == 1);
        HttpResponse<String> again = ack(first, Roles.ADMIN, alertId, "me too");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("acknowledged by dispatcher");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
      }
      // the topic is compacted, and a server started later rebuilds the acknowledgements from it
      assertThat(cleanupPolicy(kafka, "alert-acks")).isEqualTo(TopicConfig.CLEANUP_POLICY_COMPACT);
      try (DashboardServer later = start(kafka)) {
        await().atMost(WAIT).until(() -> acks(later).size() == 1);
        assertThat(acks(later).get(0).path("note").asText()).isEqualTo("unit 12 on the way");
      }
    }
  }

  @Test
  void aServerStartedBeforeItsBrokerCreatesTheTopicOnceTheBrokerAnswers(@TempDir Path logDir) throws Exception {
    // As in a compose start, where the dashboard is up before the broker: the port is known, nothing listens yet.
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    try (DashboardServer early = start("127.0.0.1:" + port)) {
      try (EmbeddedKafka kafka = EmbeddedKafka.start(logDir, port)) {
        kafka.createTopics(1, TOPIC, "trends");
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
            .until(() -> cleanupPolicy(kafka, "alert-acks").equals(TopicConfig.CLEANUP_POLICY_COMPACT));
        HotspotAlert loop = opened(around(LOOP), Instant.parse("2017-07-14T18:00:00Z"));
        String alertId = loop.hotspotId() + ":" + loop.revision();
        try (KafkaProducer<String, String> producer = producer(kafka)) {
          producer.send(new ProducerRecord<>(TOPIC, loop.hotspotId(), new EventCodec().encode(loop))).get();
        }
        await().atMost(WAIT).until(() -> get(early, "/api/alerts/" + alertId).statusCode() == 200);
        assertThat(ack(early, Roles.DISPATCHER, alertId, "late broker").statusCode()).isEqualTo(201);
        await().atMost(WAIT).until(() -> acks(early).size() == 1);
      }
    }
  }

  private static DashboardServer start(EmbeddedKafka kafka) {
    return start(kafka.bootstrapServers());
  }

  private static DashboardServer start(String bootstrapServers) {
    return DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
        DashboardServer.BOOTSTRAP_SERVERS, bootstrapServers,
        DashboardServer.HOTSPOT_TOPIC, TOPIC,
        DashboardServer.PORT, 0)));
  }

  private HttpResponse<String> ack(DashboardServer server, String user, String alertId, String note)
      throws Exception {
    String body = json.writeValueAsString(Map.of("note", note));
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/api/alerts/" + alertId + "/ack"))
        .header("Authorization", TestLogins.basic(user))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(DashboardServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve(path))
        .header("Authorization", TestLogins.basic(Roles.VIEWER)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(), new StringSerializer());
  }

  private List<JsonNode> acks(DashboardServer server) throws Exception {
    HttpResponse<String> response = get(server, "/api/acks");
    assertThat(response.statusCode()).isEqualTo(200);
    return List.of(json.readValue(response.body(), JsonNode[].class));
  }

  private WebSocket connect(DashboardServer server, ConcurrentLinkedQueue<JsonNode> messages) {
    return http.newWebSocketBuilder()
        .header("Authorization", TestLogins.basic(Roles.VIEWER))
        .buildAsync(URI.create(server.uri().toString().replaceFirst("^http", "ws")).resolve("/ws/hotspots"),
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  try {
                    messages.add(json.readTree(partial.toString()));
                  } catch (Exception e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                  }
                  partial.setLength(0);
                }
                webSocket.request(1);
                return null;
              }
            })
        .join();
  }

  private static String cleanupPolicy(EmbeddedKafka kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
      return config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
    }
  }
}
