package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/**
 * The whole chain with real parts: real Chicago incidents replayed into an in-process Kafka broker, the hotspot job
 * on a Flink MiniCluster, its alerts through Kafka into the Micronaut dashboard, and a WebSocket client. Every alert
 * the job commits is checked against the input with this test's own H3 cells and counts, and the client must have
 * been shown every one of them.
 */
class EndToEndTest {

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));
  private static final Instant FROM = Instant.parse("2017-07-16T05:00:00Z"); // July 16th, midnight in Chicago
  private static final Instant TO = Instant.parse("2017-07-23T05:00:00Z");

  private final ObjectMapper json = EventCodec.newObjectMapper();

  @Test
  void realIncidentsBecomeHotspotsOnTheDashboardSocket() throws Exception {
    // the demo as shipped, social stream included: every revision of every hotspot must reach the client in order
    Demo.Settings settings = Demo.Settings.bundled(HOME, 0, ReplaySpeed.MAX);
    List<Incident> incidents = daysOf(settings.inputs().get(0));
    assertThat(incidents).hasSizeGreaterThan(2_000);

    try (Demo demo = Demo.startWithoutReplay(settings)) {
      ConcurrentLinkedQueue<JsonNode> messages = new ConcurrentLinkedQueue<>();
      WebSocket socket = connect(URI.create(demo.url().replaceFirst("^http", "ws") + "/ws/hotspots"),
          basicAuth("viewer", demo.logins().password()), messages);
      await().atMost(Duration.ofSeconds(20)).until(() -> !messages.isEmpty());
      assertThat(messages.peek().get("type").asText()).isEqualTo("snapshot");
      assertThat(messages.peek().get("hotspots")).isEmpty();

      demo.replay(ReplayInput.ofIncidents(incidents)).await();

      // the job commits on checkpoints: wait until what it has committed stops growing
      List<JsonNode> published = new ArrayList<>();
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(demo.config().checkpointInterval().toSeconds() + 2))
          .until(() -> {
            List<JsonNode> now = published(demo);
            boolean settled = !now.isEmpty() && now.size() == published.size();
            published.clear();
            published.addAll(now);
            return settled;
          });
      List<JsonNode> live = published.stream().filter(a -> !"closed".equals(a.get("type").asText())).toList();
      assertThat(live.stream().filter(a -> "opened".equals(a.get("type").asText()))).isNotEmpty();

      // every alert counts exactly the input's incidents in its cells and window
      CellIndex cells = new CellIndex(CellIndex.DEFAULT_RESOLUTION);
      for (JsonNode alert : live) {
        Set<String> alertCells = new HashSet<>();
        alert.get("cells").forEach(c -> alertCells.add(c.asText()));
        Instant start = Instant.parse(alert.get("windowStart").asText());
        Instant end = Instant.parse(alert.get("windowEnd").asText());
        Set<String> inInput = new HashSet<>();
        for (Incident i : incidents) {
          if (alertCells.contains(cells.cellOf(i.latitude(), i.longitude()))
              && !i.occurredAt().isBefore(start)
              && i.occurredAt().isBefore(end)) {
            inInput.add(i.id());
          }
        }
        List<String> ids = new ArrayList<>();
        alert.get("incidentIds").forEach(id -> ids.add(id.asText()));
        assertThat(ids).as("alert %s", alert.get("hotspotId")).hasSize(alert.get("observed").asInt());
        assertThat(Set.copyOf(ids)).as("alert %s", alert.get("hotspotId")).isEqualTo(inInput);
      }

      // and the dashboard showed the client every one of them
      Set<String> expected = new HashSet<>();
      live.forEach(a -> expected.add(describe(a)));
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shown(messages)).containsAll(expected));
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  private static List<Incident> daysOf(Path file) throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(file)) {
      return rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .filter(i -> !i.occurredAt().isBefore(FROM) && i.occurredAt().isBefore(TO))
          .toList();
    }
  }

  private static String describe(JsonNode alert) {
    return alert.get("hotspotId").asText() + "#" + alert.get("revision").asInt() + " observed="
        + alert.get("observed").asLong();
  }

  /** The open and updated alerts the client was shown: one by one, or inside a snapshot. */
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

  /** The hotspot alerts committed to the hotspot topic, read from the start, as the dashboard reads them. */
  private List<JsonNode> published(Demo demo) throws Exception {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, demo.bootstrapServers(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<JsonNode> got = new ArrayList<>();
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
          got.add(json.readTree(record.value()));
        }
      }
    }
    return got;
  }

  private static String basicAuth(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private WebSocket connect(URI uri, String authorization, ConcurrentLinkedQueue<JsonNode> messages) {
    return JsonSockets.connect(HttpClient.newHttpClient(), uri, authorization, messages);
  }
}
