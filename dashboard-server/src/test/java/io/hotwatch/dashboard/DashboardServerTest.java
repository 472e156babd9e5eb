package io.hotwatch.dashboard;

import static io.hotwatch.dashboard.HotspotEvents.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotEvents.GARFIELD_PARK;
import static io.hotwatch.dashboard.HotspotEvents.HYDE_PARK;
import static io.hotwatch.dashboard.HotspotEvents.LINCOLN_PARK;
import static io.hotwatch.dashboard.HotspotEvents.LOOP;
import static io.hotwatch.dashboard.HotspotEvents.active;
import static io.hotwatch.dashboard.HotspotEvents.cleared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.websocket.WebSocketClient;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.ClientWebSocket;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The server against a real in-process broker, started the way the demo starts it ({@link DashboardServer#start}).
 *
 * <p>Not {@code @MicronautTest}: the broker has to run before the context starts (its address is a property) and the
 * context has to stop before the broker, or its consumer retries for half a minute. The tests run in order and share
 * one topic, each building on the board the previous one left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardServerTest {

  private static final String TOPIC = "hotspot-events-test";
  private static final Instant T0 = Instant.parse("2017-07-14T22:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration IDLE = Duration.ofSeconds(2);

  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final EventCodec codec = new EventCodec();
  private final HotspotEvent loop = active(LOOP, T0, 6, 0.8);
  private final HotspotEvent hydePark = active(HYDE_PARK, T0.plusSeconds(300), 4, 0.3);

  private EmbeddedKafka kafka;
  private KafkaProducer<String, String> producer;
  private DashboardServer server;
  private BlockingHttpClient http;
  private HotspotClient socket;

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(2, TOPIC);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
    server =
        DashboardServer.start(
            Map.of(
                DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                DashboardServer.HOTSPOT_TOPIC, TOPIC,
                DashboardServer.PORT, 0,
                // Idle connections are closed after IDLE instead of 5 min, so the keepalive test is quick.
                "micronaut.server.idle-timeout", IDLE.toMillis() + "ms",
                "micronaut.server.read-idle-timeout", IDLE.toMillis() + "ms",
                "micronaut.server.write-idle-timeout", IDLE.toMillis() + "ms",
                "hotwatch.socket.ping-interval", IDLE.dividedBy(4).toMillis() + "ms"));
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
    send(hydePark);
    await().atMost(WAIT).until(() -> stats().path("activeHotspots").asInt() == 2);

    socket = connect();

    JsonNode first = socket.next();
    assertThat(first.path("type").asText()).isEqualTo("snapshot");
    assertThat(cells(first.path("hotspots"))).containsExactly(HYDE_PARK, LOOP);
    HotspotEvent fromSocket = json.treeToValue(first.path("hotspots").get(1), HotspotEvent.class);
    assertThat(fromSocket).isEqualTo(loop);
  }

  @Test
  @Order(2)
  void thenEveryChangeLive() throws Exception {
    HotspotEvent lincolnPark = active(LINCOLN_PARK, T0.plusSeconds(600), 5, 0.4);
    send(lincolnPark);

    JsonNode added = socket.next();
    assertThat(added.path("type").asText()).isEqualTo("hotspot");
    assertThat(json.treeToValue(added.path("event"), HotspotEvent.class)).isEqualTo(lincolnPark);

    HotspotEvent loopCleared = cleared(loop, T0.plusSeconds(3900));
    send(loopCleared);

    JsonNode removed = socket.next();
    assertThat(removed.path("type").asText()).isEqualTo("hotspot");
    assertThat(removed.path("event").path("categories").isObject()).as("empty maps are kept: %s", removed).isTrue();
    assertThat(json.treeToValue(removed.path("event"), HotspotEvent.class)).isEqualTo(loopCleared);
    await().atMost(WAIT).until(() -> stats().path("activeHotspots").asInt() == 2);
    assertThat(hotspotCells()).containsExactlyInAnyOrder(HYDE_PARK, LINCOLN_PARK);
  }

  @Test
  @Order(3)
  void hotspotsAreAValidGeoJsonFeatureCollection() throws Exception {
    HttpResponse<String> response = http.exchange("/api/hotspots", String.class);

    assertThat(response.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("application/geo+json"));
    JsonNode collection = json.readTree(response.body());
    assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
    assertThat(collection.path("features")).hasSize(2);
    for (JsonNode feature : collection.path("features")) {
      assertThat(feature.path("type").asText()).isEqualTo("Feature");
      assertThat(feature.path("geometry").path("type").asText()).isEqualTo("Polygon");
      JsonNode ring = feature.path("geometry").path("coordinates").get(0);
      assertThat(ring.size()).isGreaterThanOrEqualTo(4);
      assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
      for (JsonNode position : ring) {
        // [longitude, latitude] in Chicago, not the other way round.
        assertThat(position.get(0).asDouble()).isBetween(-88.0, -87.5);
        assertThat(position.get(1).asDouble()).isBetween(41.6, 42.1);
      }
      JsonNode properties = feature.path("properties");
      assertThat(properties.has("geometry")).isFalse();
      assertThat(properties.path("cellId").asText()).isEqualTo(feature.path("id").asText());
      assertThat(properties.path("observed").asLong()).isPositive();
      assertThat(properties.path("incidentIds")).hasSize(properties.path("observed").asInt());
      assertThat(properties.path("explanation").asText()).isNotBlank();
    }
    // Newest window first.
    assertThat(cells(collection.path("features"), "id")).containsExactly(LINCOLN_PARK, HYDE_PARK);
  }

  @Test
  @Order(4)
  void aMalformedRecordIsCountedAndLaterRecordsStillArrive() throws Exception {
    long malformedBefore = stats().path("malformedRecords").asLong();
    producer.send(new ProducerRecord<>(TOPIC, GARFIELD_PARK, "{\"kind\":\"hotspot\",\"status\":")).get();
    producer.send(new ProducerRecord<>(TOPIC, GARFIELD_PARK, codec.encode(active(GARFIELD_PARK, T0, 3, 0.1))
        .replace("\"status\":\"active\"", "\"status\":\"simmering\""))).get();
    HotspotEvent englewood = active(ENGLEWOOD, T0.plusSeconds(900), 7, 0.9);
    send(englewood);

    JsonNode next = socket.next();
    assertThat(next.path("event").path("cellId").asText()).isEqualTo(ENGLEWOOD);
    await().atMost(WAIT).until(() -> stats().path("malformedRecords").asLong() == malformedBefore + 2);
    assertThat(stats().path("lastRejection").asText()).contains(TOPIC).contains("status 'simmering'");
    assertThat(hotspotCells()).containsExactlyInAnyOrder(HYDE_PARK, LINCOLN_PARK, ENGLEWOOD);
  }

  @Test
  @Order(5)
  void pingsKeepAQuietSessionOpenPastTheIdleTimeout() throws Exception {
    await().during(IDLE.multipliedBy(2)).atMost(IDLE.multipliedBy(3)).until(socket::isOpen);

    HotspotEvent garfieldPark = active(GARFIELD_PARK, T0.plusSeconds(1200), 4, 0.2);
    send(garfieldPark);
    assertThat(json.treeToValue(socket.next().path("event"), HotspotEvent.class)).isEqualTo(garfieldPark);
  }

  @Test
  @Order(6)
  void aRestartedServerRebuildsTheBoardFromTheTopic() {
    List<String> expected = hotspotCells();
    try (DashboardServer second = DashboardServer.start(kafka.bootstrapServers(), TOPIC, 0)) {
      BlockingHttpClient client = second.context().createBean(HttpClient.class, second.uri()).toBlocking();
      await().atMost(WAIT).until(() -> cells(json.readTree(client.retrieve("/api/hotspots")).path("features"), "id"),
          cells -> cells.equals(expected));
      assertThat(second.port()).isNotEqualTo(server.port());
    }
  }

  @Test
  @Order(7)
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
  @Order(8)
  void aPortInUseFailsTheStartAndLeavesNoConsumerRunning() {
    assertThat(consumerThreads()).isEqualTo(1);

    assertThatThrownBy(() -> DashboardServer.start(kafka.bootstrapServers(), TOPIC, server.port()))
        .hasMessageContaining(String.valueOf(server.port()));

    await().atMost(WAIT).until(() -> consumerThreads() == 1);
  }

  private static long consumerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("hotspot-events-consumer") && t.isAlive())
        .count();
  }

  private void send(HotspotEvent event) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, event.cellId(), codec.encode(event))).get();
  }

  private JsonNode stats() throws Exception {
    return json.readTree(http.retrieve("/api/stats"));
  }

  private List<String> hotspotCells() {
    try {
      return cells(json.readTree(http.retrieve("/api/hotspots")).path("features"), "id");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> cells(JsonNode events) {
    return cells(events, "cellId");
  }

  private static List<String> cells(JsonNode items, String field) {
    List<String> cells = new ArrayList<>();
    items.forEach(item -> cells.add(item.path(field).asText()));
    return cells;
  }

  private HotspotClient connect() {
    URI uri = server.uri();
    WebSocketClient client = server.context().createBean(WebSocketClient.class, uri);
    return Mono.from(client.connect(HotspotClient.class, "/ws/hotspots")).block(WAIT);
  }

  /** Collects what the server pushes. */
  @ClientWebSocket
  abstract static class HotspotClient implements AutoCloseable {

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final ObjectMapper json = EventCodec.newObjectMapper();
    private volatile WebSocketSession session;

    @OnOpen
    void onOpen(WebSocketSession session) {
      this.session = session;
    }

    @OnMessage
    void onMessage(String message) {
      messages.add(message);
    }

    boolean isOpen() {
      return session != null && session.isOpen();
    }

    JsonNode next() throws Exception {
      String message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(message).as("a message within " + WAIT).isNotNull();
      return json.readTree(message);
    }

    @Override
    public void close() {
      if (session != null) {
        session.close();
      }
    }
  }
}
