package io.hotwatch.dashboard.api;

import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.GARFIELD_PARK;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.closed;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.TestLogins;
import io.hotwatch.dashboard.alerting.AlertHistory;
import io.hotwatch.dashboard.alerting.AlertId;
import io.hotwatch.dashboard.alerting.CapSchema;
import io.hotwatch.dashboard.security.Roles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert history over HTTP, fed through the real path (a real broker, the server's consumer, the board): listing
 * and filters, one alert as GeoJSON and as a CAP document valid against the OASIS schema, errors that name the
 * parameter, and the OpenAPI document naming every route.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertApiTest implements TestPropertyProvider {

  private static final String TOPIC = "hotspot-events-alerts";
  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final EventCodec codec = new EventCodec();
  private final ObjectMapper json = new ObjectMapper();
  private final HotspotAlert loop = opened(around(LOOP), T0);
  private final HotspotAlert loopUpdated = updated(loop, T0.plus(Duration.ofHours(1)));
  private final HotspotAlert englewood = opened(around(ENGLEWOOD), T0.plus(Duration.ofHours(4)));
  private final HotspotAlert loopClosed = closed(loopUpdated, T0.plus(Duration.ofHours(5)));
  private final HotspotAlert garfield = opened(around(GARFIELD_PARK), T0.plus(Duration.ofHours(6)));
  private EmbeddedKafka kafka;

  @Inject ApplicationContext context;
  @Inject AlertHistory history;
  @Inject Router router;

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
    Map<String, String> properties = new HashMap<>(TestLogins.textProperties(Roles.VIEWER));
    properties.putAll(Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "hotwatch.topics.hotspot-events", TOPIC,
        "micronaut.server.port", "-1",
        "hotwatch.cap.sender", "hotwatch.example.org"));
    return properties;
  }

  @BeforeAll
  void sendTheAlerts() throws Exception {
    http = client.toBlocking();
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      // A repeat of the first revision too: the history keeps what the board applied, once.
      for (HotspotAlert alert : List.of(loop, loopUpdated, loop, englewood, loopClosed, garfield)) {
        producer.send(new ProducerRecord<>(TOPIC, alert.hotspotId(), codec.encode(alert))).get();
      }
    }
    await().atMost(WAIT).until(() -> history.size() == 5);
  }

  @AfterAll
  void stopTheContextThenTheBroker() {
    try {
      if (context != null && context.isRunning()) {
        context.stop();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  @Test
  void listsEveryAppliedEventNewestFirstAsGeoJson() throws Exception {
    HttpResponse<String> response = http.exchange("/api/alerts", String.class);

    assertThat(response.getContentType().orElseThrow().toString()).isEqualTo("application/geo+json");
    JsonNode collection = json.readTree(response.body());
    assertThat(collection.path("type").asText()).isEqualTo("FeatureCollection");
    assertThat(ids(collection)).containsExactly(id(garfield), id(loopClosed), id(englewood), id(loopUpdated), id(loop));
    for (JsonNode feature : collection.path("features")) {
      assertThat(feature.path("type").asText()).isEqualTo("Feature");
      assertThat(feature.at("/geometry/type").asText()).isEqualTo("MultiPolygon");
      assertThat(feature.at("/properties/alertId").asText()).isEqualTo(feature.path("id").asText());
      assertThat(feature.at("/properties/districts").size()).isPositive();
      assertThat(feature.at("/properties/cap/severity").asText()).isIn("Minor", "Moderate", "Severe", "Extreme");
      assertThat(feature.at("/properties/capUrl").asText()).isEqualTo("/api/alerts/" + feature.path("id").asText()
          + "/cap");
    }
    JsonNode closing = collection.path("features").get(1);
    assertThat(closing.at("/properties/type").asText()).isEqualTo("closed");
    assertThat(closing.at("/properties/cap/msgType").asText()).isEqualTo("Cancel");
  }

  @Test
  void picksByTimeDistrictCategoryAndLimit() throws Exception {
    assertThat(ids(get(Map.of("from", "2017-07-14T21:00:00Z", "to", "2017-07-15T01:00:00Z"))))
        .containsExactly(id(englewood), id(loopUpdated));
    // the same instants written with an offset (the '+' of "+02:00" sent as %2B)
    assertThat(ids(get(Map.of("from", "2017-07-14T23:00:00+02:00", "to", "2017-07-15T03:00:00+02:00"))))
        .containsExactly(id(englewood), id(loopUpdated));
    assertThat(ids(get(Map.of("district", "1")))).containsExactly(id(loopClosed), id(loopUpdated), id(loop));
    assertThat(ids(get(Map.of("limit", "2")))).containsExactly(id(garfield), id(loopClosed));
    String category = garfield.categories().keySet().iterator().next();
    List<String> withCategory = ids(get(Map.of("category", category)));
    assertThat(withCategory).contains(id(garfield));
    assertThat(withCategory).allSatisfy(id -> assertThat(history.get(AlertId.parse(id)).orElseThrow().categories())
        .containsKey(category));
  }

  @Test
  void oneAlertAsAFeatureAndAsAValidCapDocument() throws Exception {
    JsonNode feature = json.readTree(http.retrieve("/api/alerts/" + id(loopUpdated)));
    assertThat(feature.path("id").asText()).isEqualTo(id(loopUpdated));
    assertThat(feature.at("/properties/revision").asInt()).isEqualTo(1);
    assertThat(feature.at("/properties/observed").asLong()).isEqualTo(loopUpdated.observed());

    for (String alertId : List.of(id(loop), id(loopUpdated), id(loopClosed), id(englewood))) {
      HttpResponse<String> cap = http.exchange("/api/alerts/" + alertId + "/cap", String.class);
      assertThat(cap.getContentType().orElseThrow().toString()).isEqualTo("application/cap+xml");
      CapSchema.validate(cap.body());
      assertThat(cap.body()).contains("<identifier>" + alertId + "</identifier>")
          .contains("<sender>hotwatch.example.org</sender>");
    }
    HttpResponse<String> asXml = http.exchange(
        HttpRequest.GET("/api/alerts/" + id(loopClosed) + "/cap").accept("application/xml"), String.class);
    assertThat(asXml.getContentType().orElseThrow().toString()).isEqualTo("application/xml");
    assertThat(asXml.body()).contains("<msgType>Cancel</msgType>")
        .contains("hotwatch.example.org," + id(loop) + ",2017-07-14T20:00:00-00:00");
  }

  @Test
  void badParametersAreRefusedNamingTheParameterAndTheReason() throws Exception {
    assertError("/api/alerts?from=yesterday", 400, "from", "'yesterday' is not an ISO-8601 time");
    assertError("/api/alerts?to=2017-07-14T25:00:00Z", 400, "to", "is not an ISO-8601 time");
    assertError("/api/alerts?from=2017-07-15T00:00:00Z&to=2017-07-14T00:00:00Z", 400, "from", "is after to");
    assertError("/api/alerts?limit=0", 400, "limit", "0 is outside [1, 1000]");
    assertError("/api/alerts?limit=1001", 400, "limit", "outside");
    assertError("/api/alerts?limit=many", 400, "limit", "'many' is not a whole number");
    assertError("/api/alerts?district=99", 400, "district", "'99' is not a Chicago police district");
    assertError("/api/alerts?category=JAYWALKING", 400, "category", "'JAYWALKING'");
    assertError("/api/alerts/no-revision", 400, "alertId", "is not <hotspotId>:<revision>");
    assertError("/api/alerts/" + loop.hotspotId() + ":x", 400, "alertId", "revision 'x'");
    assertError("/api/alerts/" + loop.hotspotId() + ":7", 404, "alertId", "no alert " + loop.hotspotId() + ":7");
    assertError("/api/alerts/" + loop.hotspotId() + ":7/cap", 404, "alertId", "no alert");
  }

  @Test
  void aViewerReadsAlertsButMayNotRegisterWebhooks() {
    try {
      http.exchange(HttpRequest.POST("/api/webhooks", "{\"url\":\"http://127.0.0.1:9/hook\"}")
          .contentType(MediaType.APPLICATION_JSON), String.class);
      fail("a viewer registered a webhook");
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(403);
    }
  }

  @Test
  void theOpenApiDocumentNamesEveryRouteOfEveryController() throws Exception {
    HttpResponse<String> response = http.exchange("/openapi.yml", String.class);
    assertThat(response.getContentType().orElseThrow().toString()).isEqualTo("application/yaml");
    Map<String, Object> document = new Yaml().load(response.body());
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");

    // Every route a @Controller of the project declares (Micronaut Security's own login and logout are not among
    // them); the WebSocket's upgrade route is not an HTTP operation.
    List<UriRouteInfo<?, ?>> controllerRoutes = router.uriRoutes()
        .filter(route -> route.getTargetMethod().getDeclaringType().isAnnotationPresent(Controller.class))
        .filter(route -> route.getTargetMethod().getDeclaringType().getName().startsWith("io.hotwatch."))
        .toList();
    List<String> routes = new ArrayList<>();
    controllerRoutes.forEach(route -> routes.add(describe(route)));
    assertThat(routes).as("routes of the controllers").contains("GET /api/alerts/{alertId}/cap", "POST /api/webhooks",
        "GET /api/hotspots", "GET /openapi.yml").hasSizeGreaterThan(12);
    for (UriRouteInfo<?, ?> route : controllerRoutes) {
      String path = route.getUriMatchTemplate().toPathString();
      if (path.equals("/openapi.yml") || route.getHttpMethod() == HttpMethod.HEAD) {
        continue; // the document itself, hidden from it; HEAD routes Micronaut adds beside every GET
      }
      assertThat(paths).as("paths of the OpenAPI document").containsKey(path);
      assertThat(paths.get(path)).as("operations of %s", path)
          .containsKey(route.getHttpMethod().name().toLowerCase(Locale.ROOT));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> capContent = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
        ((Map<String, Object>) paths.get("/api/alerts/{alertId}/cap").get("get")).get("responses")).get("200"))
        .get("content");
    assertThat(capContent).containsKey("application/cap+xml");
  }

  private static String describe(UriRouteInfo<?, ?> route) {
    return route.getHttpMethod() + " " + route.getUriMatchTemplate().toPathString();
  }

  private JsonNode get(Map<String, String> query) throws Exception {
    UriBuilder uri = UriBuilder.of("/api/alerts");
    query.forEach(uri::queryParam);
    URI built = uri.build();
    return json.readTree(http.retrieve(built.toString()));
  }

  private void assertError(String path, int status, String parameter, String reason) throws Exception {
    try {
      http.exchange(path, String.class);
      fail("%s answered 2xx", path);
    } catch (HttpClientResponseException e) {
      assertThat(e.getStatus().getCode()).as(path).isEqualTo(status);
      JsonNode body = json.readTree(e.getResponse().getBody(String.class).orElseThrow());
      assertThat(body.path("status").asInt()).as(path).isEqualTo(status);
      assertThat(body.path("parameter").asText()).as("%s: %s", path, body).isEqualTo(parameter);
      assertThat(body.path("reason").asText()).as(path).contains(reason);
    }
  }

  private static String id(HotspotAlert alert) {
    return alert.hotspotId() + ":" + alert.revision();
  }

  private static List<String> ids(JsonNode collection) {
    List<String> ids = new ArrayList<>();
    collection.path("features").forEach(f -> ids.add(f.path("id").asText()));
    return ids;
  }
}
