package io.hotwatch.dashboard;

import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.trend;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.security.Roles;
import io.hotwatch.dashboard.stream.Acknowledgement;
import io.hotwatch.dashboard.stream.AcknowledgementPublisher;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.websocket.WebSocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * The socket's protocol against a real server and a real in-process broker, fed alerts and trends computed from the
 * bundled real incidents: sequence numbers, snapshot then live, resume, filters, a client that stops reading, a resume
 * beyond the retention. The tests run in order on one topic and one server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamProtocolTest {

  private static final String TOPIC = "hotspot-events-protocol";
  private static final String TRENDS = "trends-protocol";
  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** How long a client waits to be sure nothing more comes; only used after everything expected has arrived. */
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final int QUEUE_LIMIT = 20;
  /** Loop (district 1, Central) and Englewood (district 7) as the police district boundaries draw them. */
  private static final String LOOP_DISTRICT = "1";
  private static final String ENGLEWOOD_BBOX = "-87.70,41.75,-87.60,41.80";

  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final EventCodec codec = new EventCodec();
  private final List<HotspotSocketClient> clients = new ArrayList<>();

  private EmbeddedKafka kafka;
  private KafkaProducer<String, String> producer;
  private DashboardServer server;
  private BlockingHttpClient http;
  private HotspotAlert loop = opened(around(LOOP), T0);

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(1, TOPIC, TRENDS);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
    server = start(1000);
    http = server.context().createBean(HttpClient.class, server.uri()).toBlocking();
  }

  private DashboardServer start(int resumeMessages) {
    return DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
        DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        DashboardServer.HOTSPOT_TOPIC, TOPIC,
        "hotwatch.topics.trends", TRENDS,
        DashboardServer.PORT, 0,
        "hotwatch.board.retention", "2d",
        "hotwatch.socket.queue-limit", QUEUE_LIMIT,
        "hotwatch.socket.resume-messages", resumeMessages,
        "hotwatch.socket.close-grace", "1s",
        // A small kernel send buffer per connection, as a slow network gives: a client that stops reading backs up
        // into the server's queue after a few frames instead of after the megabytes loopback would buffer.
        "micronaut.server.netty.child-options.so-sndbuf", 8192)));
  }

  @AfterAll
  void stop() {
    clients.forEach(HotspotSocketClient::close);
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
  void theSnapshotCarriesTheSeqItIsConsistentWithAndLiveMessagesFollowWithoutAGap() throws Exception {
    send(loop);
    await().atMost(WAIT).until(() -> lastSeq(http) == 1);

    HotspotSocketClient client = connect(server, "");
    JsonNode snapshot = client.next();
    assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
    assertThat(snapshot.path("seq").asLong()).isEqualTo(1);
    assertThat(snapshot.path("stream").asText()).isNotBlank();
    assertThat(json.treeToValue(snapshot.path("hotspots").get(0), HotspotAlert.class)).isEqualTo(loop);

    loop = updated(loop, T0.plus(Duration.ofMinutes(5)));
    send(loop);
    JsonNode live = client.next();
    assertThat(live.path("seq").asLong()).isEqualTo(2);
    assertThat(live.path("type").asText()).isEqualTo("updated");
    assertThat(json.treeToValue(live.path("hotspot"), HotspotAlert.class)).isEqualTo(loop);
    client.close();
  }

  @Test
  @Order(2)
  void aClientThatResumesGetsExactlyTheMessagesItMissedInOrder() throws Exception {
    HotspotSocketClient client = connect(server, "");
    JsonNode snapshot = client.next();
    String stream = snapshot.path("stream").asText();
    long lastSeen = snapshot.path("seq").asLong();
    client.close();

    int missed = 25;
    List<HotspotAlert> sent = new ArrayList<>();
    for (int i = 0; i < missed; i++) {
      loop = updated(loop, loop.windowEnd().plus(Duration.ofMinutes(1)));
      sent.add(loop);
      send(loop);
    }
    await().atMost(WAIT).until(() -> lastSeq(http) == lastSeen + missed);

    HotspotSocketClient resumed = connect(server, "?since=" + lastSeen + "&stream=" + stream);
    JsonNode notice = resumed.next();
    assertThat(notice.path("type").asText()).isEqualTo("resumed");
    assertThat(notice.path("since").asLong()).isEqualTo(lastSeen);
    assertThat(notice.path("seq").asLong()).isEqualTo(lastSeen + missed);
    for (int i = 0; i < missed; i++) {
      JsonNode message = resumed.next();
      assertThat(message.path("seq").asLong()).isEqualTo(lastSeen + 1 + i);
      assertThat(json.treeToValue(message.path("hotspot"), HotspotAlert.class)).isEqualTo(sent.get(i));
    }
    assertThat(resumed.poll(QUIET)).as("nothing after the missed messages").isNull();

    // and live again right after them
    loop = updated(loop, loop.windowEnd().plus(Duration.ofMinutes(1)));
    send(loop);
    JsonNode live = resumed.next();
    assertThat(live.path("seq").asLong()).isEqualTo(lastSeen + missed + 1);
    assertThat(stats().path("socket").path("resumed").asLong()).isEqualTo(1);
    resumed.close();
  }

  @Test
  @Order(3)
  void filtersLetThroughWhatTheyAskForAndGapsInSeqAreTheFilteredMessages() throws Exception {
    HotspotAlert englewood = opened(around(ENGLEWOOD), T0.plus(Duration.ofHours(4)));
    String category = loop.categories().entrySet().stream()
        .filter(c -> c.getValue() > 0).map(Map.Entry::getKey).sorted().findFirst().orElseThrow();
    boolean englewoodHasIt = englewood.categories().getOrDefault(category, 0L) > 0;
    TrendEvent loopTrend = trend(LOOP_DISTRICT, category, Instant.parse("2017-07-29T05:00:00Z"));
    TrendEvent englewoodTrend = trend("7", category, Instant.parse("2017-07-29T05:00:00Z"));

    HotspotSocketClient byDistrict = connect(server, "?districts=" + LOOP_DISTRICT);
    HotspotSocketClient byCategory = connect(server, "?categories=" + category);
    HotspotSocketClient byBox = connect(server, "?bbox=" + ENGLEWOOD_BBOX);
    long base = lastSeq(http);
    assertThat(ids(byDistrict.next().path("hotspots"))).containsExactly(loop.hotspotId());
    assertThat(ids(byCategory.next().path("hotspots"))).containsExactly(loop.hotspotId());
    assertThat(ids(byBox.next().path("hotspots"))).isEmpty();

    send(englewood);                                   // base + 1
    sendTrend(loopTrend);                              // base + 2
    sendTrend(englewoodTrend);                         // base + 3
    loop = updated(loop, loop.windowEnd().plus(Duration.ofMinutes(1)));
    send(loop);                                        // base + 4
    await().atMost(WAIT).until(() -> lastSeq(http) == base + 4);
    // an acknowledgement of a hotspot that is not open has no scope: every filter lets it through (base + 5)
    Acknowledgement ack = new Acknowledgement("no-such-alert", "no-such-hotspot", "dispatcher-7",
        Instant.parse("2017-07-14T22:05:00Z"), "checked");
    server.context().getBean(AcknowledgementPublisher.class).publish(ack);

    assertThat(seqsUntilAck(byDistrict)).containsExactly(base + 2, base + 4, base + 5);
    List<Long> byCategorySeqs = new ArrayList<>();
    if (englewoodHasIt) {
      byCategorySeqs.add(base + 1);
    }
    byCategorySeqs.addAll(List.of(base + 2, base + 3, base + 4, base + 5));
    assertThat(seqsUntilAck(byCategory)).isEqualTo(byCategorySeqs);
    // trends have no extent, so a bounding box does not hold them back
    assertThat(seqsUntilAck(byBox)).containsExactly(base + 1, base + 2, base + 3, base + 5);
    assertThat(stats().path("socket").path("filteredOut").asLong()).isPositive();
  }

  /** The seqs of the messages up to and including the acknowledgement, which must come last. */
  private List<Long> seqsUntilAck(HotspotSocketClient client) throws Exception {
    List<Long> seqs = new ArrayList<>();
    JsonNode message;
    do {
      message = client.next();
      seqs.add(message.path("seq").asLong());
    } while (!"ack".equals(message.path("type").asText()));
    assertThat(message.path("ack").path("by").asText()).isEqualTo("dispatcher-7");
    assertThat(message.path("ack").path("at").asText()).isEqualTo("2017-07-14T22:05:00Z");
    assertThat(client.poll(QUIET)).isNull();
    return seqs;
  }

  @Test
  @Order(4)
  void aBadFilterIsRefusedWithAMessageThatSaysWhy() throws Exception {
    for (Map.Entry<String, String> bad : Map.of(
        "?bbox=-87.7,41.7,-87.6", "bbox",
        "?categories=SHOUTING", "SHOUTING",
        "?districts=99", "'99' is not a police district",
        "?since=yesterday", "since",
        "?colour=red", "unknown parameter 'colour'").entrySet()) {
      HotspotSocketClient client = connect(server, bad.getKey());
      JsonNode error = client.next();
      assertThat(error.path("type").asText()).isEqualTo("error");
      assertThat(error.path("message").asText()).contains(bad.getValue());
      await().atMost(WAIT).until(() -> client.closeReason() != null);
      assertThat(client.closeReason().getCode()).isEqualTo(4400);
    }
    assertThat(stats().path("socket").path("badRequests").asLong()).isEqualTo(5);
  }

  @Test
  @Order(5)
  void aClientThatStopsReadingIsDroppedWhileAnotherGetsEverythingAndCanResume() throws Exception {
    int sessionsBefore = stats().path("openSessions").asInt();
    HotspotSocketClient reader = connect(server, "");
    long start = reader.next().path("seq").asLong();
    try (SilentSocketClient silent =
        new SilentSocketClient(server.uri(), "/ws/hotspots", TestLogins.basic(Roles.VIEWER))) {
      await().atMost(WAIT).until(() -> stats().path("openSessions").asInt() == sessionsBefore + 2);
      int published = 300;
      for (int i = 0; i < published; i++) {
        loop = updated(loop, loop.windowEnd().plus(Duration.ofMinutes(1)));
        send(loop);
      }
      for (int i = 1; i <= published; i++) {
        assertThat(reader.next().path("seq").asLong()).isEqualTo(start + i);
      }
      JsonNode socket = stats().path("socket");
      assertThat(socket.path("slowClientsDropped").asLong()).isEqualTo(1);
      assertThat(socket.path("dropped").path("slowClient").asLong()).isPositive();
      assertThat(silent.drainsToEndOfStream(WAIT)).as("the server cut the silent client off").isTrue();
    }

    // the dropped client comes back with the last seq it saw (at most its snapshot's) and gets the rest
    HotspotSocketClient back = connect(server, "?since=" + start);
    assertThat(back.next().path("type").asText()).isEqualTo("resumed");
    for (long seq = start + 1; seq <= start + 300; seq++) {
      assertThat(back.next().path("seq").asLong()).isEqualTo(seq);
    }
    assertThat(back.poll(QUIET)).isNull();
  }

  @Test
  @Order(6)
  void aResumeBeyondTheRetentionOrFromAnotherStreamGetsAFlaggedSnapshot() throws Exception {
    try (DashboardServer small = start(5)) {
      BlockingHttpClient client = small.context().createBean(HttpClient.class, small.uri()).toBlocking();
      long records = stats().path("recordsRead").asLong();
      await().atMost(WAIT).until(() -> json.readTree(client.retrieve("/api/stats")).path("recordsRead").asLong()
          == records);
      HotspotSocketClient first = connect(small, "");
      JsonNode snapshot = first.next();
      long seen = snapshot.path("seq").asLong();
      String stream = snapshot.path("stream").asText();
      first.close();

      for (int i = 0; i < 10; i++) {
        loop = updated(loop, loop.windowEnd().plus(Duration.ofMinutes(1)));
        send(loop);
      }
      await().atMost(WAIT).until(() -> lastSeq(client) == seen + 10);

      HotspotSocketClient late = connect(small, "?since=" + seen + "&stream=" + stream);
      JsonNode fresh = late.next();
      assertThat(fresh.path("type").asText()).isEqualTo("snapshot");
      assertThat(fresh.path("reason").asText()).isEqualTo("beyond-retention");
      assertThat(fresh.path("seq").asLong()).isEqualTo(seen + 10);
      assertThat(json.treeToValue(fresh.path("hotspots").get(0), HotspotAlert.class)).isEqualTo(loop);

      HotspotSocketClient elsewhere = connect(small, "?since=" + (seen + 9) + "&stream=an-earlier-run");
      assertThat(elsewhere.next().path("reason").asText()).isEqualTo("new-stream");
      HotspotSocketClient ahead = connect(small, "?since=" + (seen + 11));
      assertThat(ahead.next().path("reason").asText()).isEqualTo("unknown-seq");
      // within the retention the same server resumes
      HotspotSocketClient near = connect(small, "?since=" + (seen + 8) + "&stream=" + stream);
      assertThat(near.next().path("type").asText()).isEqualTo("resumed");
      assertThat(near.next().path("seq").asLong()).isEqualTo(seen + 9);
      assertThat(near.next().path("seq").asLong()).isEqualTo(seen + 10);
      assertThat(json.readTree(client.retrieve("/api/stats")).path("socket").path("resumeSnapshots").asLong())
          .isEqualTo(3);
      List.of(late, elsewhere, ahead, near).forEach(HotspotSocketClient::close);
    }
  }

  private void send(HotspotAlert alert) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, alert.hotspotId(), codec.encode(alert))).get();
  }

  private void sendTrend(TrendEvent trend) throws Exception {
    producer.send(new ProducerRecord<>(TRENDS, trend.key(), codec.encode(trend))).get();
  }

  private JsonNode stats() throws Exception {
    return json.readTree(http.retrieve("/api/stats"));
  }

  private long lastSeq(BlockingHttpClient client) throws Exception {
    return json.readTree(client.retrieve("/api/stats")).path("socket").path("lastSeq").asLong();
  }

  private static List<String> ids(JsonNode alerts) {
    List<String> ids = new ArrayList<>();
    alerts.forEach(a -> ids.add(a.path("hotspotId").asText()));
    return ids;
  }

  private HotspotSocketClient connect(DashboardServer target, String query) {
    WebSocketClient client = target.context().createBean(WebSocketClient.class, target.uri());
    HotspotSocketClient socket =
        Mono.from(client.connect(HotspotSocketClient.class, TestLogins.socketRequest("/ws/hotspots" + query,
            Roles.VIEWER))).block(WAIT);
    clients.add(socket);
    return socket;
  }
}
