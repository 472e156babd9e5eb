package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.junit.jupiter.api.Test;

/**
 * The whole chain with real parts: real Chicago incidents replayed into an in-process Kafka broker, the hotspot job
 * on a Flink MiniCluster, the hotspot events through Kafka into the Micronaut dashboard, and a WebSocket client that
 * must receive exactly the hotspots this test works out on its own from the same incidents.
 */
class EndToEndTest {

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));
  private static final Instant FROM = Instant.parse("2017-07-01T05:00:00Z"); // July 1st, midnight in Chicago
  private static final Instant TO = Instant.parse("2017-07-03T05:00:00Z");

  private final ObjectMapper json = EventCodec.newObjectMapper();

  @Test
  void realIncidentsBecomeHotspotsOnTheDashboardSocket() throws Exception {
    Demo.Settings settings = Demo.Settings.bundled(HOME, 0, ReplaySpeed.MAX);
    List<Incident> incidents = twoDaysOf(settings.inputs().get(0));
    assertThat(incidents).hasSizeGreaterThan(1_000);

    try (Demo demo = Demo.startWithoutReplay(settings)) {
      ConcurrentLinkedQueue<JsonNode> messages = new ConcurrentLinkedQueue<>();
      WebSocket socket = connect(URI.create(demo.url().replaceFirst("^http", "ws") + "/ws/hotspots"), messages);
      await().atMost(Duration.ofSeconds(20)).until(() -> !messages.isEmpty());
      assertThat(messages.peek().get("type").asText()).isEqualTo("snapshot");
      assertThat(messages.peek().get("hotspots")).isEmpty();

      demo.replay(io.hotwatch.deploy.ReplayInput.ofIncidents(incidents)).await();

      Set<String> expected = expectedHotspots(incidents, settings.modelDir(), demo);
      Instant lastEnd = lastFiredWindowEnd(incidents, demo);
      assertThat(expected).hasSizeGreaterThan(5);
      // the job's own output first, straight from the topic, then what the dashboard passed on
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(() -> assertThat(published(demo, lastEnd)).containsAll(expected));
      assertThat(published(demo, lastEnd)).containsExactlyInAnyOrderElementsOf(expected);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(received(messages, lastEnd)).containsAll(expected));
      assertThat(received(messages, lastEnd)).containsExactlyInAnyOrderElementsOf(expected);

      // every active event lists exactly its incidents: real ids from the input, in the cell, in the window
      Map<String, Incident> byId = new HashMap<>();
      incidents.forEach(i -> byId.put(i.id(), i));
      for (JsonNode event : activeEvents(messages)) {
        List<String> ids = new ArrayList<>();
        event.get("incidentIds").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(event.get("observed").asInt());
        Instant start = Instant.parse(event.get("windowStart").asText());
        Instant end = Instant.parse(event.get("windowEnd").asText());
        for (String id : ids) {
          Incident incident = byId.get(id);
          assertThat(incident).as("incident %s of hotspot %s", id, event.get("hotspotId")).isNotNull();
          assertThat(CellIndex.contains(event.get("cellId").asText(), incident.latitude(), incident.longitude())).isTrue();
          assertThat(incident.occurredAt()).isBetween(start, end.minusNanos(1));
        }
      }
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  private static List<Incident> twoDaysOf(Path file) throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(file)) {
      return rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .filter(i -> !i.occurredAt().isBefore(FROM) && i.occurredAt().isBefore(TO))
          .toList();
    }
  }

  /**
   * The hotspot windows worked out independently: H3 cell per incident, every 1 h window (aligned to 5 min) that
   * holds it, the baseline's expected count and the Poisson rule. "cell|windowEnd|observed" strings.
   */
  private static Set<String> expectedHotspots(List<Incident> incidents, Path modelDir, Demo demo) throws Exception {
    BaselineRates baseline = BaselineRates.load(demo.config().baselineFile());
    CellIndex cells = new CellIndex(baseline.resolution());
    long size = demo.config().windowSize().toMillis();
    long slide = demo.config().windowSlide().toMillis();
    Map<String, Map<Long, Integer>> counts = new HashMap<>();
    for (Incident i : incidents) {
      String cell = cells.cellOf(i.latitude(), i.longitude());
      long t = i.occurredAt().toEpochMilli();
      // windows holding t start at a multiple of the slide in (t - size, t]
      for (long start = Math.floorDiv(t, slide) * slide; start > t - size; start -= slide) {
        counts.computeIfAbsent(cell, c -> new HashMap<>()).merge(start + size, 1, Integer::sum);
      }
    }
    Instant lastEnd = lastFiredWindowEnd(incidents, demo);
    Set<String> hot = new TreeSet<>();
    counts.forEach(
        (cell, windows) ->
            windows.forEach(
                (end, observed) -> {
                  if (Instant.ofEpochMilli(end).isAfter(lastEnd) || observed < 3) {
                    return;
                  }
                  double expected =
                      baseline.expected(cell, Instant.ofEpochMilli(end - size), Instant.ofEpochMilli(end));
                  double tail = 1 - new PoissonDistribution(expected).cumulativeProbability(observed - 1);
                  if (tail < 1e-3) {
                    hot.add(cell + "|" + Instant.ofEpochMilli(end) + "|" + observed);
                  }
                }));
    return hot;
  }

  /**
   * Windows ending by then have surely fired: the watermark trails the newest incident by the out-of-orderness, and
   * half an hour more covers the Kafka partition whose newest incident is a little older.
   */
  private static Instant lastFiredWindowEnd(List<Incident> incidents, Demo demo) {
    Instant newest = incidents.stream().map(Incident::occurredAt).max(Instant::compareTo).orElseThrow();
    return newest.minus(demo.config().maxOutOfOrderness()).minus(Duration.ofMinutes(30));
  }

  /**
   * The active hotspot events the client was shown: those sent one by one, and those inside a snapshot (the feed sends
   * a snapshot instead of the single event when older cells fell out of the board's retention at the same time).
   */
  private static List<JsonNode> activeEvents(ConcurrentLinkedQueue<JsonNode> messages) {
    List<JsonNode> events = new ArrayList<>();
    for (JsonNode m : messages) {
      switch (m.get("type").asText()) {
        case "hotspot" -> events.add(m.get("event"));
        case "snapshot" -> m.get("hotspots").forEach(events::add);
        default -> throw new AssertionError("unexpected message " + m);
      }
    }
    events.removeIf(e -> !"active".equals(e.get("status").asText()));
    return events;
  }

  private static Set<String> received(ConcurrentLinkedQueue<JsonNode> messages, Instant lastEnd) {
    Set<String> got = new HashSet<>();
    for (JsonNode e : activeEvents(messages)) {
      Instant end = Instant.parse(e.get("windowEnd").asText());
      if (!end.isAfter(lastEnd)) {
        got.add(e.get("cellId").asText() + "|" + end + "|" + e.get("observed").asLong());
      }
    }
    return got;
  }

  /** The active hotspot events on the hotspot topic, read from the start, as "cell|windowEnd|observed" strings. */
  private Set<String> published(Demo demo, Instant lastEnd) throws Exception {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.bootstrapServers(),
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    Set<String> got = new HashSet<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(demo.config().hotspotTopic()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode e = json.readTree(record.value());
          Instant end = Instant.parse(e.get("windowEnd").asText());
          if ("active".equals(e.get("status").asText()) && !end.isAfter(lastEnd)) {
            got.add(e.get("cellId").asText() + "|" + end + "|" + e.get("observed").asLong());
          }
        }
      }
    }
    return got;
  }

  private WebSocket connect(URI uri, ConcurrentLinkedQueue<JsonNode> messages) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(
            uri,
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
}
