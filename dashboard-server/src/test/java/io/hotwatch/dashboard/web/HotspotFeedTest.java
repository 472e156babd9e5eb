package io.hotwatch.dashboard.web;

import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.repeat;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.HotspotSocketClient;
import io.hotwatch.dashboard.TestLogins;
import io.hotwatch.dashboard.board.HotspotBoard;
import io.hotwatch.dashboard.security.Roles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.websocket.WebSocketClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import reactor.core.publisher.Mono;

/**
 * The feed inside a {@code @MicronautTest} context against a real broker with two partitions, each event written to
 * a partition chosen here: revisions are compared across partitions, and the retention sweep of a partition reaches
 * the socket as a {@code closed} message marked expired, right after the event that caused it.
 *
 * <p>The broker starts when Micronaut asks for the test's properties (its address is one) and stops after the
 * context, so the consumer never retries against a dead broker.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotspotFeedTest implements TestPropertyProvider {

  private static final String TOPIC = "hotspot-events-feed";
  private static final Instant DAY = Instant.parse("2017-07-14T00:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = EventCodec.newObjectMapper();
  private EmbeddedKafka kafka;
  private KafkaProducer<String, String> producer;

  @Inject ApplicationContext context;
  @Inject EmbeddedServer server;
  @Inject HotspotBoard board;

  @Override
  public Map<String, String> getProperties() {
    try {
      kafka = EmbeddedKafka.start();
      kafka.createTopics(2, TOPIC, "trends"); // the trends topic the server also reads by default
    } catch (Exception e) {
      throw new IllegalStateException("the broker did not start", e);
    }
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
    Map<String, String> properties = TestLogins.textProperties(Roles.VIEWER);
    properties.putAll(Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "hotwatch.topics.hotspot-events", TOPIC,
        "micronaut.server.port", "-1",
        "hotwatch.board.retention", "2h"));
    return properties;
  }

  @AfterAll
  void stopTheContextThenTheBroker() {
    try {
      if (context != null && context.isRunning()) {
        context.stop();
      }
      if (producer != null) {
        producer.close();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  @Test
  void revisionsCountAcrossPartitionsAndASweepIsFollowedByASnapshot() throws Exception {
    HotspotAlert early = opened(around(LOOP), DAY.plus(Duration.ofHours(17)));
    HotspotAlert earlyUpdated = updated(early, DAY.plus(Duration.ofHours(18)));
    HotspotAlert late = opened(around(ENGLEWOOD), DAY.plus(Duration.ofHours(25)));
    HotspotSocketClient client = Mono.from(
        context.createBean(WebSocketClient.class, server.getURI()).connect(HotspotSocketClient.class,
            TestLogins.socketRequest("/ws/hotspots", Roles.VIEWER)))
        .block(WAIT);
    assertThat(client.next().path("hotspots")).isEmpty();

    send(early, 0);
    send(earlyUpdated, 0);
    assertThat(client.next().at("/hotspot/revision").asInt()).isZero();
    assertThat(client.next().at("/hotspot/revision").asInt()).isEqualTo(1);

    // the same hotspot's older revision written to the other partition (a writer keyed it differently) is a repeat
    send(repeat(early), 1);
    await().atMost(WAIT).until(() -> board.ignored() == 1);

    // 25:00 is more than the 2 h retention after 18:00 on partition 0: the Loop goes, and the page is told so
    send(late, 0);
    JsonNode applied = client.next();
    assertThat(applied.path("type").asText()).isEqualTo("opened");
    assertThat(applied.path("seq").asLong()).isEqualTo(3);
    assertThat(applied.at("/hotspot/hotspotId").asText()).isEqualTo(late.hotspotId());
    JsonNode expired = client.next();
    assertThat(expired.path("type").asText()).isEqualTo("closed");
    assertThat(expired.path("seq").asLong()).isEqualTo(4);
    assertThat(expired.path("expired").asBoolean()).isTrue();
    assertThat(json.treeToValue(expired.path("hotspot"), HotspotAlert.class)).isEqualTo(earlyUpdated);
    assertThat(board.current()).containsExactly(late);
    client.close();
  }

  private void send(HotspotAlert alert, int partition) throws Exception {
    producer.send(new ProducerRecord<>(TOPIC, partition, alert.hotspotId(), codec.encode(alert))).get();
  }
}
