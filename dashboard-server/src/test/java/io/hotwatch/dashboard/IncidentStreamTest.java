package io.hotwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.kafka.ScoredIncidentConsumer;
import io.hotwatch.dashboard.security.Roles;
import io.hotwatch.dashboard.stream.Acknowledgement;
import io.hotwatch.dashboard.stream.AcknowledgementPublisher;
import io.micronaut.websocket.WebSocketClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Collectors;
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
 * The {@code incident} messages of the live stream against a real server and a real in-process broker, fed scored
 * incidents in Kafka transactions as the job writes them (real incidents of the bundled month, scored by the bundled
 * model: {@link ScoredIncidents}): read back at start into the snapshot of clients that ask for incidents, live with a
 * {@code seq}, filtered by district, reported category and bbox, never sent to a client that did not ask, resumable,
 * and never what an aborted transaction wrote. The tests run in order on one server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IncidentStreamTest {

  private static final String HOTSPOTS = "hotspot-events-incidents";
  private static final String TRENDS = "trends-incidents";
  private static final String SCORED = "scored-incidents-stream";
  private static final Instant FROM = Instant.parse("2017-07-14T17:00:00Z");
  private static final Instant SPLIT = Instant.parse("2017-07-14T18:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-14T19:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration QUIET = Duration.ofSeconds(1);
  private static final Duration RECENT_WINDOW = Duration.ofHours(1);
  /** Around the Loop: some of the incidents, not all. */
  private static final String LOOP_BBOX = "-87.66,41.86,-87.60,41.90";

  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final EventCodec codec = new EventCodec();
  private final List<HotspotSocketClient> clients = new ArrayList<>();

  private EmbeddedKafka kafka;
  private KafkaProducer<String, String> producer;
  private DashboardServer server;
  private List<IncidentScore> before;
  private List<IncidentScore> live;
  private String stream;
  private long liveFrom;
  private List<JsonNode> liveMessages;

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(1, HOTSPOTS, TRENDS);
    kafka.createTopics(2, SCORED);
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "scored-incidents-test");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
    producer.initTransactions();

    List<IncidentScore> scores = ScoredIncidents.between(FROM, TO);
    before = scores.stream().filter(s -> s.occurredAt().isBefore(SPLIT)).toList();
    live = scores.stream().filter(s -> !s.occurredAt().isBefore(SPLIT)).toList();
    assertThat(before).hasSizeGreaterThan(20);
    assertThat(live).hasSizeGreaterThan(20);

    // written before the server starts: it reads them back
    commit(before);
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(SCORED, "broken", "{\"kind\":\"scored-incident\",\"incidentId\":\"x\"}"));
    producer.commitTransaction();
    // what a failed checkpoint took back must never be shown; the same incident comes again, committed, later
    producer.beginTransaction();
    producer.send(record(live.get(0)));
    producer.flush();
    producer.abortTransaction();

    server = DashboardServer.start(TestLogins.serverProperties(Roles.VIEWER, Map.of(
        DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
        DashboardServer.HOTSPOT_TOPIC, HOTSPOTS,
        "hotwatch.topics.trends", TRENDS,
        "hotwatch.topics.scored-incidents", SCORED,
        "hotwatch.incidents.recent-limit", 200,
        "hotwatch.incidents.recent-window", "1h",
        DashboardServer.PORT, 0)));
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
  void theSnapshotOfAClientThatAsksForIncidentsHoldsTheCommittedOnesReadBackAtStart() throws Exception {
    ScoredIncidentConsumer consumer = server.context().getBean(ScoredIncidentConsumer.class);
    await().atMost(WAIT).until(() -> consumer.recordsRead() == before.size() + 1);
    assertThat(consumer.malformedRecords()).isEqualTo(1);
    assertThat(consumer.lastRejection()).contains(SCORED).contains("field 'occurredAt' is missing");

    JsonNode snapshot = connect("?incidents=true").next();
    assertThat(snapshot.path("type").asText()).isEqualTo("snapshot");
    assertThat(snapshot.path("seq").asLong()).isEqualTo(before.size());
    assertThat(incidents(snapshot.path("incidents"))).isEqualTo(newestFirst(before));

    JsonNode plain = connect("").next();
    assertThat(plain.path("type").asText()).isEqualTo("snapshot");
    assertThat(plain.has("incidents")).isFalse();
  }

  @Test
  @Order(2)
  void liveIncidentsGoToTheClientsThatAskedForThemAsTheirFiltersSay() throws Exception {
    String district = mostCommonDistrict(live);
    HotspotSocketClient all = connect("?incidents=true");
    HotspotSocketClient plain = connect("");
    HotspotSocketClient byDistrict = connect("?incidents=true&districts=" + district);
    HotspotSocketClient byCategory = connect("?incidents=true&categories=THEFT");
    HotspotSocketClient byBox = connect("?incidents=true&bbox=" + LOOP_BBOX);
    JsonNode snapshot = all.next();
    stream = snapshot.path("stream").asText();
    liveFrom = snapshot.path("seq").asLong();
    for (HotspotSocketClient client : List.of(plain, byDistrict, byCategory, byBox)) {
      assertThat(client.next().path("seq").asLong()).isEqualTo(liveFrom);
    }

    commit(live);
    acknowledge();

    liveMessages = untilAck(all);
    List<JsonNode> incidentMessages = liveMessages.subList(0, liveMessages.size() - 1);
    assertThat(incidentMessages).allSatisfy(m -> assertThat(m.path("type").asText()).isEqualTo("incident"));
    // every incident of the committed transaction once, numbered without a gap, with the topic's payload
    List<Long> seqs = liveMessages.stream().map(m -> m.path("seq").asLong()).toList();
    for (int i = 0; i < seqs.size(); i++) {
      assertThat(seqs.get(i)).isEqualTo(liveFrom + 1 + i);
    }
    List<IncidentScore> received = new ArrayList<>();
    for (JsonNode message : incidentMessages) {
      received.add(json.treeToValue(message.path("incident"), IncidentScore.class));
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(live);

    assertThat(untilAck(plain)).hasSize(1);
    assertFiltered(byDistrict, s -> s.district().replaceFirst("^0+(?=.)", "").equals(district));
    assertFiltered(byCategory, s -> s.category().equals("THEFT"));
    assertFiltered(byBox, IncidentStreamTest::inLoopBox);
  }

  @Test
  @Order(3)
  void aClientResumesAcrossIncidentsAndGetsThemOnlyIfItAsksForThem() throws Exception {
    HotspotSocketClient resumed = connect("?incidents=true&since=" + liveFrom + "&stream=" + stream);
    JsonNode notice = resumed.next();
    assertThat(notice.path("type").asText()).isEqualTo("resumed");
    assertThat(notice.path("since").asLong()).isEqualTo(liveFrom);
    List<JsonNode> missed = untilAck(resumed);
    assertThat(missed).isEqualTo(liveMessages);

    HotspotSocketClient without = connect("?since=" + liveFrom + "&stream=" + stream);
    assertThat(without.next().path("type").asText()).isEqualTo("resumed");
    List<JsonNode> onlyAck = untilAck(without);
    assertThat(onlyAck).containsExactly(liveMessages.get(liveMessages.size() - 1));
  }

  @Test
  @Order(4)
  void theSnapshotKeepsTheLastHourOfEventTimeOnly() throws Exception {
    List<IncidentScore> both = new ArrayList<>(before);
    both.addAll(live);
    Instant newest = both.stream().map(IncidentScore::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
    List<IncidentScore> lastHour =
        both.stream().filter(s -> !s.occurredAt().isBefore(newest.minus(RECENT_WINDOW))).toList();
    assertThat(lastHour).hasSizeLessThan(both.size());

    JsonNode snapshot = connect("?incidents=true").next();
    assertThat(incidents(snapshot.path("incidents"))).isEqualTo(newestFirst(lastHour));
    assertThat(server.context().getBean(io.hotwatch.dashboard.web.HotspotFeed.class).recentIncidents())
        .isEqualTo(lastHour.size());
  }

  private void assertFiltered(HotspotSocketClient client, Predicate<IncidentScore> passes) throws Exception {
    List<IncidentScore> expected = live.stream().filter(passes).toList();
    assertThat(expected).as("the filter lets some through").isNotEmpty().hasSizeLessThan(live.size());
    List<JsonNode> messages = untilAck(client);
    List<IncidentScore> received = new ArrayList<>();
    for (JsonNode message : messages.subList(0, messages.size() - 1)) {
      received.add(json.treeToValue(message.path("incident"), IncidentScore.class));
    }
    assertThat(received).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static boolean inLoopBox(IncidentScore s) {
    String[] b = LOOP_BBOX.split(",");
    return s.longitude() >= Double.parseDouble(b[0]) && s.latitude() >= Double.parseDouble(b[1])
        && s.longitude() <= Double.parseDouble(b[2]) && s.latitude() <= Double.parseDouble(b[3]);
  }

  private static String mostCommonDistrict(List<IncidentScore> scores) {
    return scores.stream()
        .collect(Collectors.groupingBy(s -> s.district().replaceFirst("^0+(?=.)", ""), Collectors.counting()))
        .entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .orElseThrow()
        .getKey();
  }

  /** The messages up to and including the acknowledgement, which must come last. */
  private List<JsonNode> untilAck(HotspotSocketClient client) throws Exception {
    List<JsonNode> messages = new ArrayList<>();
    JsonNode message;
    do {
      message = client.next();
      messages.add(message);
    } while (!"ack".equals(message.path("type").asText()));
    assertThat(client.poll(QUIET)).isNull();
    return messages;
  }

  /** An acknowledgement of no open hotspot: every client gets it, after what was published before it. */
  private void acknowledge() throws Exception {
    ScoredIncidentConsumer consumer = server.context().getBean(ScoredIncidentConsumer.class);
    long expected = before.size() + 1 + live.size();
    await().atMost(WAIT).until(() -> consumer.recordsRead() == expected);
    server.context().getBean(AcknowledgementPublisher.class).publish(
        new Acknowledgement("no-such-alert", "no-such-hotspot", "dispatcher-7", SPLIT, "end of the batch"));
  }

  private List<IncidentScore> incidents(JsonNode array) throws Exception {
    List<IncidentScore> scores = new ArrayList<>();
    for (JsonNode node : array) {
      scores.add(json.treeToValue(node, IncidentScore.class));
    }
    return scores;
  }

  private static List<IncidentScore> newestFirst(List<IncidentScore> scores) {
    return scores.stream()
        .sorted(Comparator.comparing(IncidentScore::occurredAt).thenComparing(IncidentScore::incidentId).reversed())
        .toList();
  }

  private void commit(List<IncidentScore> scores) {
    producer.beginTransaction();
    scores.forEach(s -> producer.send(record(s)));
    producer.commitTransaction();
  }

  private ProducerRecord<String, String> record(IncidentScore score) {
    return new ProducerRecord<>(SCORED, score.incidentId(), codec.encode(score));
  }

  private HotspotSocketClient connect(String query) {
    WebSocketClient client = server.context().createBean(WebSocketClient.class, server.uri());
    HotspotSocketClient socket =
        Mono.from(client.connect(HotspotSocketClient.class, TestLogins.socketRequest("/ws/hotspots" + query,
            Roles.VIEWER))).block(WAIT);
    clients.add(socket);
    return socket;
  }
}
