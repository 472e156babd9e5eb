package io.hotwatch.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.dashboard.DashboardServer;
import io.hotwatch.dashboard.TestLogins;
import io.micronaut.http.HttpMethod;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.websocket.annotation.ServerWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Authentication and roles on every route and on the WebSocket, the login form's cookie, CORS and the rate limit,
 * against the real server (real broker behind it) with a plain JDK client that carries no credentials unless told.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest {

  /**
   * Routes open to anyone, each for a reason the README gives: the probes, the login form and login; logout, which
   * ends no one's session but the caller's and refuses GET (405) so that a link cannot log anyone out.
   */
  private static final Set<String> PUBLIC = Set.of("GET /health/liveness", "GET /health/readiness",
      "GET /login.html", "POST /login", "POST /logout", "GET /logout", "HEAD /logout");

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private EmbeddedKafka kafka;
  private DashboardServer server;

  @BeforeAll
  void start() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(1, "hotspot-events");
    Map<String, Object> properties = new HashMap<>(TestLogins.LOGINS.properties());
    properties.put(DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    properties.put(DashboardServer.PORT, 0);
    properties.put("hotwatch.security.allowed-origins-regex", "^https://wall\\.dispatch\\.example$");
    // High enough for this test's requests; the limit itself is tested on a server of its own below.
    properties.put("hotwatch.security.rate-limit.burst", 10_000);
    server = DashboardServer.start(properties);
  }

  @AfterAll
  void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      if (kafka != null) {
        kafka.close();
      }
    }
  }

  @Test
  void everyRouteAndEverySocketRefusesARequestWithoutCredentials() throws Exception {
    Set<String> routes = routes(server);
    assertThat(routes).as("the routes found").contains("GET /api/hotspots", "GET /api/stats", "GET /prometheus",
        "GET /health", "GET /ws/hotspots", "POST /logout");
    List<String> answers = new ArrayList<>();
    for (String route : routes) {
      if (PUBLIC.contains(route)) {
        continue;
      }
      String[] methodAndPath = route.split(" ", 2);
      HttpResponse<String> response = send(anonymous, methodAndPath[0], methodAndPath[1], Map.of());
      answers.add(route + " -> " + response.statusCode());
    }
    assertThat(answers).allSatisfy(answer -> assertThat(answer).endsWith("-> 401"));
    // the files of the page, which are not routes, are closed too (a browser is sent to the login form instead)
    for (String file : List.of("/", "/index.html", "/app.js", "/style.css", "/police-districts.geojson")) {
      assertThat(send(anonymous, "GET", file, Map.of()).statusCode()).as(file).isEqualTo(401);
      HttpResponse<String> browser = send(anonymous, "GET", file, Map.of("Accept", "text/html"));
      assertThat(browser.statusCode()).as(file).isIn(302, 303);
      assertThat(browser.headers().firstValue("Location")).hasValue("/login.html");
    }
    // and a real WebSocket handshake fails with 401
    for (String socket : sockets(server)) {
      assertThat(handshakeStatus(socket, Map.of())).as(socket).isEqualTo(401);
    }
  }

  @Test
  void probesAndTheLoginFormAreOpenAndSayNothingMore() throws Exception {
    assertThat(send(anonymous, "GET", "/login.html", Map.of()).statusCode()).isEqualTo(200);
    assertThat(send(anonymous, "GET", "/health/liveness", Map.of()).statusCode()).isEqualTo(200);
    await().atMost(WAIT).until(() -> send(anonymous, "GET", "/health/readiness", Map.of()).statusCode() == 200);
    assertThat(send(anonymous, "GET", "/health/readiness", Map.of()).body()).doesNotContain("recordsRead");
    HttpResponse<String> details = send(anonymous, "GET", "/health", Map.of("Authorization", basic(Roles.VIEWER)));
    assertThat(details.body()).contains("hotspot-events").contains("recordsRead");
  }

  @Test
  void aRoleBelowTheRoutesIsForbiddenAndTheRightOneIsLetIn() throws Exception {
    assertThat(send(anonymous, "GET", "/prometheus", Map.of("Authorization", basic(Roles.DISPATCHER))).statusCode())
        .isEqualTo(403);
    assertThat(send(anonymous, "GET", "/api/hotspots", Map.of("Authorization", basic(Roles.VIEWER))).statusCode())
        .isEqualTo(200);
    HttpResponse<String> metrics = send(anonymous, "GET", "/prometheus", Map.of("Authorization", basic(Roles.ADMIN)));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("hotwatch_websocket_clients").contains("hotwatch_http_rate_limited_total")
        .contains("hotwatch_alert_delivery_latency_seconds").contains("hotwatch_websocket_fanout_latency_seconds");
    // a wrong password is a 401, not a 403
    assertThat(send(anonymous, "GET", "/api/hotspots",
        Map.of("Authorization", TestLogins.basic(Roles.ADMIN, "not-the-password"))).statusCode()).isEqualTo(401);
  }

  @Test
  void theLoginFormSetsAStrictHttpOnlyCookieThatOpensTheApiAndTheSocket() throws Exception {
    HttpResponse<String> failed = postForm("/login", "username=dispatcher&password=wrong");
    assertThat(failed.statusCode()).isIn(302, 303);
    assertThat(failed.headers().firstValue("Location")).hasValue("/login.html?failed");
    assertThat(failed.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JWT="));

    HttpResponse<String> loggedIn = postForm("/login", "username=dispatcher&password=" + TestLogins.LOGINS.password());
    assertThat(loggedIn.statusCode()).isIn(302, 303);
    assertThat(loggedIn.headers().firstValue("Location")).hasValue("/");
    String setCookie = loggedIn.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JWT=")).findFirst().orElseThrow();
    assertThat(setCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));

    assertThat(send(anonymous, "GET", "/api/stats", Map.of("Cookie", cookie)).statusCode()).isEqualTo(200);
    assertThat(send(anonymous, "GET", "/", Map.of("Cookie", cookie)).body()).contains("id=\"map\"");
    WebSocket socket = openSocket("/ws/hotspots", Map.of("Cookie", cookie));
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    // a dispatcher's token does not open an admin route
    assertThat(send(anonymous, "GET", "/prometheus", Map.of("Cookie", cookie)).statusCode()).isEqualTo(403);
  }

  @Test
  void crossOriginRequestsAreAnsweredOnlyForTheConfiguredOrigins() throws Exception {
    Map<String, String> preflight = Map.of(
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
    HttpResponse<String> allowed = send(anonymous, "OPTIONS", "/api/hotspots",
        with(preflight, "Origin", "https://wall.dispatch.example"));
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://wall.dispatch.example");
    HttpResponse<String> refused = send(anonymous, "OPTIONS", "/api/hotspots",
        with(preflight, "Origin", "https://elsewhere.example"));
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(refused.statusCode()).isGreaterThanOrEqualTo(400);
    // a page elsewhere cannot open the socket with a logged-in browser's credentials
    assertThat(handshakeStatus("/ws/hotspots",
        Map.of("Authorization", basic(Roles.VIEWER), "Origin", "https://elsewhere.example"))).isEqualTo(403);
    openSocket("/ws/hotspots", Map.of("Authorization", basic(Roles.VIEWER), "Origin", server.uri().toString()
        .replaceAll("/$", ""))).sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
  }

  @Test
  void aClientOverItsRateGets429WithRetryAfter() throws Exception {
    Map<String, Object> properties = new HashMap<>(TestLogins.LOGINS.properties());
    properties.put(DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    properties.put(DashboardServer.PORT, 0);
    properties.put("hotwatch.security.rate-limit.requests-per-second", 0.5);
    properties.put("hotwatch.security.rate-limit.burst", 3);
    try (DashboardServer limited = DashboardServer.start(properties)) {
      List<Integer> statuses = new ArrayList<>();
      HttpResponse<String> last = null;
      for (int i = 0; i < 5; i++) {
        last = anonymous.send(HttpRequest.newBuilder(limited.uri().resolve("/api/stats"))
            .header("Authorization", basic(Roles.VIEWER)).build(), HttpResponse.BodyHandlers.ofString());
        statuses.add(last.statusCode());
      }
      assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
      assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
          seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
      assertThat(last.body()).contains("Too many requests");
    }
  }

  private static Set<String> routes(DashboardServer server) {
    Set<String> routes = new LinkedHashSet<>();
    Router router = server.context().getBean(Router.class);
    router.uriRoutes().forEach((UriRouteInfo<?, ?> route) ->
        routes.add(route.getHttpMethodName() + " " + example(route.getUriMatchTemplate().toPathString())));
    routes.addAll(sockets(server).stream().map(path -> "GET " + path).toList());
    return routes;
  }

  private static List<String> sockets(DashboardServer server) {
    List<String> sockets = new ArrayList<>();
    for (BeanDefinition<?> definition :
        server.context().getBeanDefinitions(Qualifiers.byStereotype(ServerWebSocket.class))) {
      definition.stringValue(ServerWebSocket.class).map(SecurityTest::example).ifPresent(sockets::add);
    }
    return sockets;
  }

  /** A concrete path for a route's template: every variable becomes "x". */
  private static String example(String template) {
    return template.replaceAll("\\{[^}]*}", "x");
  }

  private HttpResponse<String> send(HttpClient client, String method, String path, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri().resolve(path)).timeout(WAIT);
    headers.forEach(request::header);
    boolean withBody = HttpMethod.permitsRequestBody(HttpMethod.parse(method));
    request.method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
    if (withBody) {
      request.header("Content-Type", "application/json");
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> postForm(String path, String form) throws Exception {
    return anonymous.send(HttpRequest.newBuilder(server.uri().resolve(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private WebSocket openSocket(String path, Map<String, String> headers) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    return builder.buildAsync(URI.create(server.uri().toString().replaceFirst("^http", "ws")).resolve(path),
        new WebSocket.Listener() {}).join();
  }

  /** The status the server refused a WebSocket handshake with; fails the test when the handshake succeeds. */
  private int handshakeStatus(String path, Map<String, String> headers) {
    try {
      openSocket(path, headers).abort();
    } catch (CompletionException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof WebSocketHandshakeException handshake) {
          return handshake.getResponse().statusCode();
        }
      }
      throw e;
    }
    throw new AssertionError("the handshake to " + path + " succeeded");
  }

  private static String basic(String role) {
    return TestLogins.basic(role);
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> more = new HashMap<>(headers);
    more.put(name, value);
    return more;
  }
}
