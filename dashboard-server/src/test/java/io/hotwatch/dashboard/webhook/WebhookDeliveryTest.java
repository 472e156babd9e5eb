package io.hotwatch.dashboard.webhook;

import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.TestLogins;
import io.hotwatch.dashboard.alerting.CapSchema;
import io.hotwatch.dashboard.security.Roles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Webhooks end to end: alerts written to a real broker reach receivers running on the loopback interface, which
 * check the signature with their own HMAC code; failures are retried with growing waits; a receiver that never
 * accepts yields a dead letter on the {@code webhook-dead-letters} topic (which the server creates) and at its route;
 * a slow receiver holds up no other; bad registrations are refused naming the field.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryTest implements TestPropertyProvider {

  private static final String TOPIC = "hotspot-events-webhooks";
  private static final String DEAD_LETTERS = "webhook-dead-letters";
  private static final Instant LOOP_WINDOWS = Instant.parse("2017-07-14T16:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final long BASE_DELAY_MS = 200;
  private static final String SECRET = "a-shared-secret-of-some-length";

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = new ObjectMapper();
  private EmbeddedKafka kafka;
  private KafkaProducer<String, String> producer;
  private int nextWindow;

  @Inject ApplicationContext context;

  @Inject
  @Client("/")
  HttpClient client;

  private BlockingHttpClient http;

  @Override
  public Map<String, String> getProperties() {
    try {
      kafka = EmbeddedKafka.start();
      kafka.createTopics(1, TOPIC);
    } catch (Exception e) {
      throw new IllegalStateException("the broker did not start", e);
    }
    Map<String, String> properties = new HashMap<>(TestLogins.textProperties(Roles.ADMIN));
    properties.putAll(Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "hotwatch.topics.hotspot-events", TOPIC,
        "micronaut.server.port", "-1",
        "hotwatch.webhooks.attempts", "4",
        "hotwatch.webhooks.base-delay", BASE_DELAY_MS + "ms",
        "hotwatch.webhooks.max-delay", "5s",
        "hotwatch.webhooks.timeout", "2s"));
    return properties;
  }

  @BeforeAll
  void connect() {
    http = client.toBlocking();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(props);
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
  void aFlakyReceiverGetsTheAlertSignedAfterRetriesWithGrowingWaits() throws Exception {
    try (TestReceiver receiver = new TestReceiver(SECRET, n -> n <= 3 ? 503 : 200)) {
      JsonNode subscription = register(Map.of("url", receiver.url(), "secret", SECRET));
      assertThat(subscription.path("secret").asText()).isEqualTo(SECRET);
      String id = subscription.path("id").asText();

      long before = Instant.now().getEpochSecond();
      HotspotAlert alert = sendNewAlert();
      await().atMost(WAIT).until(() -> receiver.received().size() == 4);

      List<TestReceiver.Received> tries = receiver.received();
      assertThat(tries).allSatisfy(r -> {
        assertThat(r.signatureValid()).as("signature of try at %d", r.nanos()).isTrue();
        assertThat(r.timestamp()).isBetween(before, Instant.now().getEpochSecond());
        assertThat(r.alertId()).isEqualTo(alert.hotspotId() + ":0");
        assertThat(r.event()).isEqualTo("opened");
        assertThat(r.contentType()).isEqualTo("application/json");
      });
      assertThat(tries.stream().map(TestReceiver.Received::deliveryId).distinct()).hasSize(1);
      assertThat(tries.stream().map(TestReceiver.Received::body).distinct()).hasSize(1);
      JsonNode feature = json.readTree(tries.get(0).body());
      assertThat(feature.path("id").asText()).isEqualTo(alert.hotspotId() + ":0");
      assertThat(feature.at("/geometry/type").asText()).isEqualTo("MultiPolygon");

      // Wait before retry n is drawn from [d/2, d], d = base * 2^(n-1): 100-200, 200-400, 400-800 ms; each gap is
      // at least its wait (a gap can be longer: the first request of a cold client, a busy machine).
      List<Long> gaps = new ArrayList<>();
      for (int i = 1; i < tries.size(); i++) {
        gaps.add(TimeUnit.NANOSECONDS.toMillis(tries.get(i).nanos() - tries.get(i - 1).nanos()));
      }
      assertThat(gaps.get(0)).as("gaps %s", gaps).isGreaterThanOrEqualTo(BASE_DELAY_MS / 2);
      assertThat(gaps.get(1)).as("gaps %s", gaps).isGreaterThanOrEqualTo(BASE_DELAY_MS);
      assertThat(gaps.get(2)).as("gaps %s", gaps).isGreaterThanOrEqualTo(2 * BASE_DELAY_MS);

      JsonNode counters = await().atMost(WAIT).until(() -> subscription(id), s -> s.path("delivered").asLong() == 1);
      assertThat(counters.path("retried").asLong()).isEqualTo(3);
      assertThat(counters.path("deadLettered").asLong()).isZero();
      assertThat(counters.has("secret") && !counters.path("secret").isNull()).as("secret shown again").isFalse();
      delete(id);
    }
  }

  @Test
  void aReceiverThatNeverAcceptsYieldsADeadLetterOnTheTopicAndAtTheRoute() throws Exception {
    try (TestReceiver receiver = new TestReceiver(SECRET, n -> 500);
        TestReceiver gone = new TestReceiver(SECRET, n -> 410)) {
      String id = register(Map.of("url", receiver.url(), "secret", SECRET)).path("id").asText();
      String goneId = register(Map.of("url", gone.url(), "secret", SECRET)).path("id").asText();
      HotspotAlert alert = sendNewAlert();

      JsonNode letters = await().atMost(WAIT).until(() -> json.readTree(http.retrieve(
          "/api/webhooks/" + id + "/dead-letters")), l -> l.size() == 1);
      JsonNode letter = letters.get(0);
      assertThat(receiver.received()).hasSize(4);
      assertThat(letter.path("alertId").asText()).isEqualTo(alert.hotspotId() + ":0");
      assertThat(letter.path("attempts").asInt()).isEqualTo(4);
      assertThat(letter.path("reason").asText()).contains("answered 500").contains("last of 4 tries");
      assertThat(letter.path("payload").asText()).isEqualTo(receiver.received().get(0).body());
      assertThat(letter.path("deliveryId").asText()).isEqualTo(receiver.received().get(0).deliveryId());

      // A 4xx other than 408 and 429 is the receiver's refusal: not tried again.
      JsonNode goneLetters = await().atMost(WAIT).until(() -> json.readTree(http.retrieve(
          "/api/webhooks/" + goneId + "/dead-letters")), l -> l.size() == 1);
      assertThat(gone.received()).hasSize(1);
      assertThat(goneLetters.get(0).path("reason").asText()).contains("answered 410").contains("not retried");

      List<JsonNode> onTopic = readDeadLetters(2);
      JsonNode fromTopic = onTopic.stream()
          .filter(l -> l.path("subscriptionId").asText().equals(id)).findFirst().orElseThrow();
      assertThat(fromTopic.path("reason").asText()).isEqualTo(letter.path("reason").asText());
      assertThat(fromTopic.path("payload").asText()).isEqualTo(receiver.received().get(0).body());
      assertThat(fromTopic.path("url").asText()).isEqualTo(receiver.url());
      assertThat(subscription(id).path("deadLettered").asLong()).isEqualTo(1);
      assertThat(subscription(id).path("retried").asLong()).isEqualTo(3);
      JsonNode totals = json.readTree(http.retrieve("/api/webhooks/stats"));
      assertThat(totals.path("deadLettersWritten").asLong()).isGreaterThanOrEqualTo(2);
      delete(id);
      delete(goneId);
    }
  }

  @Test
  void aSlowReceiverHoldsUpNoOtherAndFiltersAndCapFormatApply() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (TestReceiver slow = new TestReceiver(SECRET, n -> {
          try {
            release.await(20, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 200;
        });
        TestReceiver fast = new TestReceiver(SECRET, n -> 204);
        TestReceiver elsewhere = new TestReceiver(SECRET, n -> 200)) {
      String slowId = register(Map.of("url", slow.url(), "secret", SECRET)).path("id").asText();
      String fastId = register(Map.of("url", fast.url(), "secret", SECRET, "format", "cap",
          "filter", Map.of("districts", List.of("1"), "minSeverity", "Minor"))).path("id").asText();
      // The 22nd district is far from the Loop: nothing for this one.
      String elsewhereId = register(Map.of("url", elsewhere.url(), "secret", SECRET,
          "filter", Map.of("districts", List.of("22")))).path("id").asText();

      HotspotAlert alert = sendNewAlert();
      await().atMost(WAIT).until(() -> slow.received().size() == 1);
      await().atMost(Duration.ofSeconds(5)).until(() -> fast.received().size() == 1);
      assertThat(release.getCount()).as("the slow receiver still holds its request").isEqualTo(1);

      TestReceiver.Received cap = fast.received().get(0);
      assertThat(cap.signatureValid()).isTrue();
      assertThat(cap.contentType()).isEqualTo("application/cap+xml");
      CapSchema.validate(cap.body());
      assertThat(cap.body()).contains("<identifier>" + alert.hotspotId() + ":0</identifier>");

      JsonNode elsewhereView = subscription(elsewhereId);
      assertThat(elsewhereView.path("waiting").asInt() + elsewhereView.path("delivered").asLong()).isZero();
      assertThat(elsewhere.received()).isEmpty();

      release.countDown();
      await().atMost(WAIT).until(() -> subscription(slowId).path("delivered").asLong()
          + subscription(slowId).path("retried").asLong() >= 1);
      delete(slowId);
      delete(fastId);
      delete(elsewhereId);
    }
  }

  @Test
  void badRegistrationsAreRefusedNamingTheField() throws Exception {
    assertRefused(Map.of("url", "ftp://example.org/hook"), "url", "not an http or https URL");
    assertRefused(Map.of("url", "http://"), "url", "");
    assertRefused(Map.of("secret", SECRET), "url", "is required");
    assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "secret", "short"), "secret", "too short");
    assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "filter", Map.of("minSeverity", "Huge")),
        "filter.minSeverity", "'Huge' is not one of [Minor, Moderate, Severe, Extreme]");
    assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "filter", Map.of("districts", List.of("99"))),
        "filter.districts", "'99'");
    assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "filter", Map.of("categories", List.of("JAYWALKING"))),
        "filter.categories", "'JAYWALKING'");
    assertRefused(Map.of("url", "http://127.0.0.1:9/hook", "format", "xml"), "format", "'xml'");
    assertRefused("{\"url\": \"http://127.0.0.1:9/hook\", \"filter\": {\"district\": [\"1\"]}}", "filter.district",
        "unknown field 'district'");
    assertRefused("{\"url\": \"http://127.0.0.1:9/hook\", \"filter\": {\"districts\": 1}}", "filter.districts",
        "wrong JSON type");
    assertRefused("{\"url\": ", "body", "is not JSON");
    assertThat(json.readTree(http.retrieve("/api/webhooks"))).isEmpty();
  }

  @Test
  void aSubscriptionCanBeListedLookedAtAndDeleted() throws Exception {
    JsonNode created = register(Map.of("url", "http://127.0.0.1:9/hook"));
    String id = created.path("id").asText();
    assertThat(created.path("secret").asText()).as("a secret made by the server").matches("[0-9a-f]{64}");

    assertThat(json.readTree(http.retrieve("/api/webhooks")).findValuesAsText("id")).contains(id);
    assertThat(subscription(id).path("url").asText()).isEqualTo("http://127.0.0.1:9/hook");
    delete(id);
    assertStatus(HttpRequest.GET("/api/webhooks/" + id), 404, "id");
    assertStatus(HttpRequest.DELETE("/api/webhooks/" + id), 404, "id");
    assertStatus(HttpRequest.GET("/api/webhooks/" + id + "/dead-letters"), 404, "id");
  }

  private HotspotAlert sendNewAlert() throws Exception {
    // A Loop window not used before: a hotspot id of its own (the helper derives it from cells and window).
    HotspotAlert alert = opened(around(LOOP), LOOP_WINDOWS.plus(Duration.ofHours(nextWindow++)));
    producer.send(new ProducerRecord<>(TOPIC, alert.hotspotId(), codec.encode(alert))).get();
    return alert;
  }

  private JsonNode register(Map<String, Object> body) throws Exception {
    HttpResponse<String> response = http.exchange(HttpRequest.POST("/api/webhooks", json.writeValueAsString(body))
        .contentType(MediaType.APPLICATION_JSON), String.class);
    assertThat(response.getStatus().getCode()).isEqualTo(201);
    return json.readTree(response.body());
  }

  private JsonNode subscription(String id) throws Exception {
    return json.readTree(http.retrieve("/api/webhooks/" + id));
  }

  private void delete(String id) {
    assertThat(http.exchange(HttpRequest.DELETE("/api/webhooks/" + id)).getStatus().getCode()).isEqualTo(204);
  }

  private void assertRefused(Map<String, Object> body, String field, String reason) throws Exception {
    assertRefused(json.writeValueAsString(body), field, reason);
  }

  private void assertRefused(String body, String field, String reason) throws Exception {
    JsonNode error = assertStatus(HttpRequest.POST("/api/webhooks", body).contentType(MediaType.APPLICATION_JSON),
        400, field);
    assertThat(error.path("reason").asText()).as(body).contains(reason);
  }

  private JsonNode assertStatus(HttpRequest<?> request, int status, String parameter) throws Exception {
    try {
      http.exchange(request, String.class);
      return fail("%s %s answered 2xx", request.getMethod(), request.getPath());
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).as(request.getPath()).isEqualTo(status);
      JsonNode body = json.readTree(e.getResponse().getBody(String.class).orElseThrow());
      assertThat(body.path("parameter").asText()).as("%s: %s", request.getPath(), body).isEqualTo(parameter);
      assertThat(body.path("status").asInt()).isEqualTo(status);
      return body;
    }
  }

  private List<JsonNode> readDeadLetters(int atLeast) throws Exception {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<JsonNode> letters = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(DEAD_LETTERS));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (letters.size() < atLeast && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          JsonNode letter = json.readTree(record.value());
          assertThat(record.key()).isEqualTo(letter.path("subscriptionId").asText());
          letters.add(letter);
        }
      }
    }
    assertThat(letters).as("dead letters on %s", DEAD_LETTERS).hasSizeGreaterThanOrEqualTo(atLeast);
    return letters;
  }
}
