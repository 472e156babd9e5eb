package io.hotwatch.dashboard;

import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.GARFIELD_PARK;
import static io.hotwatch.dashboard.HotspotAlerts.HYDE_PARK;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.closed;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.repeat;
import static io.hotwatch.dashboard.HotspotAlerts.twoPatches;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.security.Roles;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.websocket.WebSocketClient;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.publisher.Mono;

/**
 * The server against a real in-process broker, started the way the demo starts it ({@link DashboardServer#start}),
 * fed hotspot alerts built from real incidents ({@link HotspotAlerts}), keyed by hotspot id as a writer keys them.
 *
 * <p>Not {@code @MicronautTest}: the broker has to run before the context starts (its address is a property) and the
 * context has to stop before the broker, or its consumer retries for half a minute. The tests run in order and share
 * one topic, each building on the board the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardServerTest {

  private static final String TOPIC = "hotspot-events-test";
  /** 2017-07-14 20:00 UTC; see {@link HotspotAlerts} for the windows the bundled month fills. */
  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration IDLE = Duration.ofSeconds(2);
  private static final String RETENTION = "1d";

  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final EventCodec codec = new EventCodec();
  private final HotspotAlert loop = opened(around(LOOP), T0);
  private final HotspotAlert loopUpdated = updated(loop, T0.plus(Duration.ofHours(1)));
  private final HotspotAlert englewood = opened(around(ENGLEWOOD), T0.plus(Duration.ofHours(4)));
  private final HotspotAlert englewoodClosed = closed(englewood, T0.plus(Duration.ofHours(5)));
  private final HotspotAlert nearLoop = opened(twoPatches(LOOP), T0);
  private final HotspotAlert garfieldPark = opened(around(GARFIELD_PARK), T0.plus(Duration.ofHours(6)));
  private final HotspotAlert hydePark = opened(around(HYDE_PARK), T0.plus(Duration.ofHours(4)));

  private EmbeddedKafka kafka;
  private KafkaProducer<String, String> producer;
  private DashboardServer server;
  private BlockingHttpClient http;
  private HotspotSocketClient socket;

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(2, TOPIC, "trends"); // the trends topic the server also reads by default
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
    server =
        DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER,
            Map.of(
                DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                DashboardServer.HOTSPOT_TOPIC, TOPIC,
                DashboardServer.PORT, 0,
                // The alerts span eight hours of event time; the sweep has its own tests on the board.
                "hotwatch.board.retention", RETENTION,
                // Idle connections are closed after IDLE instead of 5 min, so the keepalive test is quick.
                "micronaut.server.idle-timeout", IDLE.toMillis() + "ms",
                "micronaut.server.read-idle-timeout", IDLE.toMillis() + "ms",
                "micronaut.server.write-idle-timeout", IDLE.toMillis() + "ms",
                "hotwatch.socket.ping-interval", IDLE.dividedBy(4).toMillis() + "ms",
                // The test's HTTP client drops pooled connections before the server would close them as idle, so no
                // request goes out on a connection that is being closed.
                "micronaut.http.client.connection-pool-idle-timeout", IDLE.dividedBy(4).toMillis() + "ms")));
    http = server.context().createBean(HttpClient.class, server.uri()).toBlocking();
  }

  @AfterAll
  void stop() {
    if (socket != null) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
    if (producer != null) {
      producer.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void aNewSessionGetsTheBoardAsItsFirstMessage() throws Exception {
    JsonNode empty = json.readTree(http.retrieve("/api/hotspots"));
    assertThat(empty.path("features").isArray()).as("features of an empty board: %s", empty).isTrue();
    assertThat(empty.path("features")).isEmpty();

    send(loop);
    send(englewood);
    await().atMost(WAIT).until(() -> stats().path("activeHotspots").asInt() == 2);

    socket = connect();

    JsonNode first = socket.next();
    assertThat(first.path("type").asText()).isEqualTo("snapshot");
    assertThat(first.path("reason").asText()).isEqualTo("connect");
    assertThat(first.path("seq").asLong()).as("the two events read so far").isEqualTo(2);
    assertThat(ids(first.path("hotspots"))).containsExactly(englewood.hotspotId(), loop.hotspotId());
    assertThat(json.treeToValue(first.path("hotspots").get(1), HotspotAlert.class)).isEqualTo(loop);
    assertThat(json.treeToValue(first.path("hotspots").get(0), HotspotAlert.class)).isEqualTo(englewood);
  }

  @Test
  @Order(2)
  void thenEveryAppliedEventLive() throws Exception {
    send(loopUpdated);
    assertThat(socket.nextEvent()).isEqualTo(loopUpdated);

    send(nearLoop);
    assertThat(socket.nextEvent()).isEqualTo(nearLoop);

    send(englewoodClosed);
    JsonNode closing = socket.next();
    assertThat(closing.path("type").asText()).isEqualTo("closed");
    assertThat(closing.path("seq").asLong()).as("snapshot at 2, then updated, opened, closed").isEqualTo(5);
    assertThat(json.treeToValue(closing.path("hotspot"), HotspotAlert.class)).isEqualTo(englewoodClosed);

    await().atMost(WAIT).until(() -> stats().path("activeHotspots").asInt() == 2);
    assertThat(hotspotIds()).containsExactly(loopUpdated.hotspotId(), nearLoop.hotspotId());
    JsonNode board = json.readTree(http.retrieve("/api/hotspots"));
    assertThat(board.at("/features/0/properties/revision").asInt()).isEqualTo(1);
  }

  @Test
  @Order(3)
  void repeatsAreIgnoredAndNeverSentTwice() throws Exception {
    long ignoredBefore = stats().path("ignoredEvents").asLong();

    // what a writer restarted from a checkpoint writes again: the latest revision, an older one, a closed hotspot's
    send(repeat(loopUpdated));
    send(repeat(loop));
    send(repeat(englewood));
    send(repeat(englewoodClosed));
    await().atMost(WAIT).until(() -> stats().path("ignoredEvents").asLong() == ignoredBefore + 4);

    // the repeats were read before it, so had any been passed on it would come first
    send(garfieldPark);
    assertThat(socket.nextEvent()).isEqualTo(garfieldPark);
    assertThat(hotspotIds()).containsExactly(garfieldPark.hotspotId(), loopUpdated.hotspotId(), nearLoop.hotspotId());
  }

  @Test
  @Order(4)
  void hotspotsAreAValidGeoJsonFeatureCollection() throws Exception {
    HttpResponse<String> response = http.exchange("/api/hotspots", String.class);

    assertThat(response.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/geo+json"));
    JsonNode collection = json.readTree(response.body());
    assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
    assertThat(collection.path("features")).hasSize(3);
    for (JsonNode feature : collection.path("features")) {
      assertThat(feature.path("type").asText()).isEqualTo("Feature");
      assertThat(feature.path("geometry").path("type").asText()).isEqualTo("MultiPolygon");
      for (JsonNode polygon : feature.path("geometry").path("coordinates")) {
        JsonNode ring = polygon.get(0);
        assertThat(ring.size()).isGreaterThanOrEqualTo(4);
        assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
        for (JsonNode position : ring) {
          // [longitude, latitude] in Chicago, not the other way round.
          assertThat(position.get(0).asDouble()).isBetween(-88.0, -87.5);
          assertThat(position.get(1).asDouble()).isBetween(41.6, 42.1);
        }
      }
      JsonNode properties = feature.path("properties");
      assertThat(properties.has("geometry")).isFalse();
      assertThat(properties.path("hotspotId").asText()).isEqualTo(feature.path("id").asText());
      assertThat(properties.path("observed").asLong()).isGreaterThanOrEqualTo(3);
      assertThat(properties.path("incidentIds")).hasSize(properties.path("observed").asInt());
      assertThat(properties.path("cells").size()).isPositive();
      assertThat(properties.path("relativeRisk").asDouble()).isPositive();
      assertThat(properties.path("explanation").asText()).isNotBlank();
      assertThat(properties.has("shape")).isTrue();
    }
    // Latest event first; the hotspot of two patches is one feature of two polygons.
    assertThat(ids(collection.path("features"), "id"))
        .containsExactly(garfieldPark.hotspotId(), loopUpdated.hotspotId(), nearLoop.hotspotId());
    assertThat(collection.at("/features/2/geometry/coordinates")).hasSize(2);
    assertThat(collection.at("/features/1/properties/shape/type").asText()).isEqualTo("Polygon");
  }

  @Test
  @Order(5)
  void malformedRecordsAreCountedAndLaterRecordsStillArrive() throws Exception {
    long malformedBefore = stats().path("malformedRecords").asLong();
    producer.send(new ProducerRecord<>(TOPIC, "x", "{\"kind\":\"hotspot\",\"type\":")).get();
    producer.send(new ProducerRecord<>(TOPIC, "y", "{\"kind\":\"hotspot\",\"status\":\"active\","
        + "\"cellId\":\"882664c1a9fffff\",\"windowEnd\":\"2017-07-14T22:00:00Z\"}")).get();
    HotspotAlert mislabelled = opened(around(HYDE_PARK), T0.plus(Duration.ofHours(5)));
    producer.send(new ProducerRecord<>(TOPIC, mislabelled.hotspotId(),
        codec.encode(mislabelled).replace("\"label\":\"new\"", "\"label\":\"hot\""))).get();
    send(hydePark);

    assertThat(socket.nextEvent()).isEqualTo(hydePark);
    await().atMost(WAIT).until(() -> stats().path("malformedRecords").asLong() == malformedBefore + 3);
    assertThat(stats().path("lastRejection").asText()).contains(TOPIC).contains("label 'hot'");
    assertThat(hotspotIds()).hasSize(4).contains(hydePark.hotspotId()).doesNotContain(mislabelled.hotspotId());
  }

  @Test
  @Order(6)
  void pingsKeepAQuietSessionOpenPastTheIdleTimeout() throws Exception {
    await().during(IDLE.multipliedBy(2)).atMost(IDLE.multipliedBy(3)).until(socket::isOpen);

    HotspotAlert garfieldUpdated = updated(garfieldPark, garfieldPark.evaluatedAt().plus(Duration.ofHours(1)));
    send(garfieldUpdated);
    assertThat(socket.nextEvent()).isEqualTo(garfieldUpdated);
  }

  @Test
  @Order(7)
  void aRestartedServerRebuildsTheBoardFromTheTopicShowingEachHotspotOnce() throws Exception {
    List<String> expected = hotspotIds();
    long written = recordsRead();
    try (DashboardServer second = DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
        DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), DashboardServer.HOTSPOT_TOPIC, TOPIC,
        DashboardServer.PORT, 0, "hotwatch.board.retention", RETENTION)))) {
      BlockingHttpClient client = second.context().createBean(HttpClient.class, second.uri()).toBlocking();
      await().atMost(WAIT).until(() -> json.readTree(client.retrieve("/api/stats")).path("recordsRead").asLong(),
          read -> read == written);
      assertThat(ids(json.readTree(client.retrieve("/api/hotspots")).path("features"), "id")).isEqualTo(expected);
      assertThat(json.readTree(client.retrieve("/api/stats")).path("ignoredEvents").asLong()).isEqualTo(4);
      assertThat(second.port()).isNotEqualTo(server.port());
    }
  }

  @Test
  @Order(8)
  void anInfiniteRelativeRiskReachesTheSocketAndTheGeoJsonAsTheStringInfinity() throws Exception {
    // Nothing counted outside the cluster makes Kulldorff's relative risk infinite; JSON has no such number.
    HotspotAlert hydeParkUpdated = updated(hydePark, hydePark.evaluatedAt().plus(Duration.ofHours(1)));
    ObjectNode node = codec.mapper().valueToTree(hydeParkUpdated);
    node.put("relativeRisk", "Infinity");
    producer.send(new ProducerRecord<>(TOPIC, hydeParkUpdated.hotspotId(), node.toString())).get();

    assertThat(socket.nextEvent().relativeRisk()).isInfinite();
    JsonNode features = json.readTree(http.retrieve("/api/hotspots")).path("features");
    JsonNode properties = StreamSupport.stream(features.spliterator(), false)
        .filter(f -> f.path("id").asText().equals(hydePark.hotspotId()))
        .findFirst().orElseThrow().path("properties");
    assertThat(properties.path("relativeRisk").asText()).isEqualTo("Infinity");
  }

  @Test
  @Order(9)
  void servesThePageLeafletAndTheDistricts() throws Exception {
    String page = http.retrieve("/");
    assertThat(page).contains("<div id=\"map\"").contains("data: Chicago Police Department via City of Chicago Data Portal");
    Matcher leaflet = Pattern.compile("src=\"(/webjars/leaflet/[^\"]+/leaflet\\.js)\"").matcher(page);
    assertThat(leaflet.find()).as("page loads Leaflet from its WebJar").isTrue();
    assertThat(page).doesNotContain("@leaflet.version@");

    String leafletJs = http.retrieve(leaflet.group(1));
    assertThat(leafletJs).contains("Leaflet").hasSizeGreaterThan(100_000);
    assertThat(http.exchange(leaflet.group(1).replace(".js", ".css"), String.class).status().getCode()).isEqualTo(200);
    assertThat(http.retrieve("/app.js")).contains("hotspot-cell").contains("/ws/hotspots");

    JsonNode districts = json.readTree(http.retrieve("/police-districts.geojson"));
    assertThat(districts.path("features")).hasSize(25);

    JsonNode mapSettings = json.readTree(http.retrieve("/api/map-settings"));
    assertThat(mapSettings.path("tileUrl").isNull()).as("no tile server by default: %s", mapSettings).isTrue();
  }

  @Test
  @Order(10)
  void aPortInUseFailsTheStartAndLeavesNoConsumerRunning() {
    assertThat(consumerThreads()).isEqualTo(1);

    assertThatThrownBy(() -> DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
            DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(), DashboardServer.HOTSPOT_TOPIC, TOPIC,
            DashboardServer.PORT, server.port()))))
        .hasMessageContaining(String.valueOf(server.port()));

    await().atMost(WAIT).until(() -> consumerThreads() == 1);
  }

  @Test
  @Order(11)
  void theDeliveryAndFanOutOfTheAlertsShownAreMeasuredForPrometheus() throws Exception {
    String metrics = http.retrieve(HttpRequest.GET("/prometheus")
        .header("Authorization", TestLogins.basic(Roles.ADMIN)));
    // every hotspot event read was timed from its Kafka timestamp; those sent to the open socket, to its last write
    assertThat(count(metrics, "hotwatch_alert_delivery_latency_seconds_count")).isPositive();
    assertThat(count(metrics, "hotwatch_websocket_fanout_latency_seconds_count")).isPositive();
  }

  private static double count(String prometheus, String name) {
    Matcher line = Pattern.compile("(?m)^" + name + "(?:\\{[^}]*})? (\\S+)$").matcher(prometheus);
    assertThat(line.find()).as("%s in%n%s", name, prometheus).isTrue();
    return Double.parseDouble(line.group(1));
  }

  private static long consumerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("hotspot-events-consumer") && t.isAlive())
        .count();
  }

  private void send(HotspotAlert alert) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, alert.hotspotId(), codec.encode(alert))).get();
  }

  private JsonNode stats() throws Exception {
    return json.readTree(http.retrieve("/api/stats"));
  }

  private long recordsRead() throws Exception {
    return stats().path("recordsRead").asLong();
  }

  private List<String> hotspotIds() {
    try {
      return ids(json.readTree(http.retrieve("/api/hotspots")).path("features"), "id");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> ids(JsonNode alerts) {
    return ids(alerts, "hotspotId");
  }

  private static List<String> ids(JsonNode items, String field) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.path(field).asText()));
    return ids;
  }

  private HotspotSocketClient connect() {
    URI uri = server.uri();
    WebSocketClient client = server.context().createBean(WebSocketClient.class, uri);
    return Mono.from(client.connect(HotspotSocketClient.class, TestLogins.socketRequest("/ws/hotspots", Roles.VIEWER)))
        .block(WAIT);
  }
}
