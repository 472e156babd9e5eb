package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay mode end to end with real parts: the demo (embedded Kafka, the live job on a MiniCluster, the replay service,
 * the dashboard) replays nothing live; an analyst replays two days of the bundled month at full speed through the
 * dashboard's API, and the run's socket must show exactly the hotspot events {@code detect} (the same engine over the
 * same files, offline) finds for those days, while the live socket and API show nothing of it.
 */
class ReplayModeTest {

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));
  private static final String DATASET = "chicago_crimes_2017-07";
  // July 4th and 5th, from midnight in Chicago: the first hotspots of the month open on the 4th
  private static final String FROM = "2017-07-04T05:00:00Z";
  private static final String TO = "2017-07-06T05:00:00Z";

  private final ObjectMapper json = EventCodec.newObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dir;

  @Test
  void anAnalystReplaysTwoDaysAndSeesWhatDetectFindsApartFromTheLiveView() throws Exception {
    try (Demo demo = Demo.startWithoutReplay(Demo.Settings.bundled(HOME, 0, ReplaySpeed.MAX))) {
      String analyst = basic("analyst", demo.logins().password());
      String viewer = basic("viewer", demo.logins().password());
      URI base = URI.create(demo.url());
      ConcurrentLinkedQueue<JsonNode> live = new ConcurrentLinkedQueue<>();
      connect(socketUri(base, "/ws/hotspots"), viewer, live);

      await().atMost(Duration.ofSeconds(30)).until(() -> get(base, "/api/replay/datasets", analyst).body()
          .contains(DATASET));
      JsonNode dataset = json.readTree(get(base, "/api/replay/datasets", analyst).body()).get(0);
      assertThat(dataset.get("name").asText()).isEqualTo(DATASET);
      assertThat(dataset.get("rows").asLong()).isGreaterThan(20_000);
      assertThat(dataset.get("firstEvent").asText()).startsWith("2017-07-01");

      // refusals, each naming the field
      assertRefused(base, analyst, start("no-such-month", FROM, TO, "\"max\""), 400, "dataset");
      assertRefused(base, analyst, start(DATASET, TO, FROM, "\"max\""), 400, "from");
      assertRefused(base, analyst, start(DATASET, "2018-01-01T00:00:00Z", "2018-01-02T00:00:00Z", "\"max\""), 400,
          "from");
      assertRefused(base, analyst, start(DATASET, FROM, TO, "\"fast\""), 400, "speed");
      assertRefused(base, analyst, start(DATASET, FROM, TO, "-5"), 400, "speed");
      assertRefused(base, analyst, start(DATASET, "yesterday", TO, "60"), 400, "from");
      assertRefused(base, analyst, "{\"dataset\":\"" + DATASET + "\",\"colour\":\"red\"}", 400, "colour");
      // replay mode is the analysts'
      assertThat(post(base, viewer, start(DATASET, FROM, TO, "\"max\"")).statusCode()).isEqualTo(403);
      assertThat(get(base, "/api/replay", viewer).statusCode()).isEqualTo(403);
      assertThat(handshakeStatus(socketUri(base, "/ws/replay/x"), viewer)).isEqualTo(403);

      long requested = System.nanoTime();
      HttpResponse<String> accepted = post(base, analyst, start(DATASET, FROM, TO, "\"max\""));
      assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
      String runId = json.readTree(accepted.body()).get("runId").asText();
      assertRefused(base, analyst, start(DATASET, FROM, TO, "3600"), 409, "dataset");

      await().atMost(Duration.ofSeconds(60)).until(() -> !state(base, runId, analyst).equals("requested"));
      ConcurrentLinkedQueue<JsonNode> first = new ConcurrentLinkedQueue<>();
      connect(socketUri(base, "/ws/replay/" + runId), analyst, first);
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1))
          .until(() -> List.of("finished", "failed", "stopped").contains(state(base, runId, analyst)));
      Duration toFinished = Duration.ofNanos(System.nanoTime() - requested);
      JsonNode status = json.readTree(get(base, "/api/replay/" + runId, analyst).body());
      assertThat(status.get("state").asText()).as(status.toString()).isEqualTo("finished");
      assertThat(status.get("sent").asLong()).isEqualTo(status.get("total").asLong()).isGreaterThan(1_000);
      Instant clock = Instant.parse(status.get("eventTime").asText());
      assertThat(clock).isAfter(Instant.parse(FROM)).isBefore(Instant.parse(TO));
      assertThat(first.peek().get("type").asText()).isEqualTo("snapshot");

      // the same engine offline over the same files and range
      Path detected = dir.resolve("detect.jsonl");
      CliRun detect = CliRun.of("detect", "--input",
          Demo.Settings.bundled(HOME, 0, ReplaySpeed.MAX).inputs().get(0).toString(), "--output", detected.toString(),
          "--from", FROM, "--to", TO, "--parallelism", "2", "--model-dir", demo.config().modelDir().toString());
      assertThat(detect.exitCode()).as(detect.err()).isZero();
      Set<String> expected = new HashSet<>();
      for (String line : Files.readAllLines(detected)) {
        JsonNode event = json.readTree(line);
        if (HotspotAlert.KIND.equals(event.path("kind").asText())) {
          expected.add(describe(event));
        }
      }
      assertThat(expected).as("hotspot events detect finds").isNotEmpty()
          .anyMatch(e -> e.contains(" opened ")).anyMatch(e -> e.contains(" closed "));

      // every event of the run, from the first: the socket resumes from seq 0
      ConcurrentLinkedQueue<JsonNode> whole = new ConcurrentLinkedQueue<>();
      connect(URI.create(socketUri(base, "/ws/replay/" + runId) + "?since=0"), analyst, whole);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events(whole)).isEqualTo(expected));
      System.out.printf("replay of %d incidents at max speed: request to finished in %d ms; %d hotspot events of %d"
          + " hotspots, equal to detect's%n", status.get("total").asLong(), toFinished.toMillis(), expected.size(),
          expected.stream().map(e -> e.substring(0, e.indexOf('#'))).distinct().count());
      assertThat(whole.peek().get("type").asText()).isEqualTo("resumed");
      // the first client, connected before the run's first hotspot or after, was shown each hotspot's latest state
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(expected).containsAll(events(first)));

      // nothing of it live: no hotspot message on the live socket, no hotspot or alert over REST
      assertThat(live).isNotEmpty().allSatisfy(m -> assertThat(m.get("type").asText()).isIn("snapshot", "trend"));
      assertThat(live.peek().get("hotspots")).isEmpty();
      assertThat(json.readTree(get(base, "/api/hotspots", viewer).body()).get("features")).isEmpty();
      assertThat(json.readTree(get(base, "/api/alerts", viewer).body()).get("features")).isEmpty();

      // an ended run cannot be stopped; a running one can
      assertRefused(base, analyst, null, 409, "runId", "/api/replay/" + runId);
      HttpResponse<String> slow = post(base, analyst, start(DATASET, FROM, TO, "1"));
      assertThat(slow.statusCode()).as(slow.body()).isEqualTo(202);
      String slowId = json.readTree(slow.body()).get("runId").asText();
      await().atMost(Duration.ofSeconds(60)).until(() -> state(base, slowId, analyst).equals("running"));
      assertThat(send(base, "DELETE", "/api/replay/" + slowId, analyst, null).statusCode()).isEqualTo(202);
      await().atMost(Duration.ofSeconds(60)).until(() -> state(base, slowId, analyst).equals("stopped"));
      assertThat(json.readTree(get(base, "/api/replay/" + slowId, analyst).body()).get("reason").asText())
          .isEqualTo("stopped by analyst");
    }
  }

  /** A hotspot event as both sides can be compared: id, revision, type, count and categories. */
  private static String describe(JsonNode alert) {
    return alert.get("hotspotId").asText() + "#" + alert.get("revision").asInt() + " " + alert.get("type").asText()
        + " observed=" + alert.path("observed").asLong() + " categories=" + alert.path("categories");
  }

  /** The hotspot events a replay socket delivered, one by one or inside a snapshot. */
  private static Set<String> events(ConcurrentLinkedQueue<JsonNode> messages) {
    Set<String> shown = new HashSet<>();
    for (JsonNode m : messages) {
      switch (m.get("type").asText()) {
        case "opened", "updated", "closed" -> shown.add(describe(m.get("hotspot")));
        case "snapshot" -> m.get("hotspots").forEach(a -> shown.add(describe(a)));
        case "resumed" -> { }
        default -> throw new AssertionError("unexpected message " + m);
      }
    }
    return shown;
  }

  private String state(URI base, String runId, String authorization) throws Exception {
    return json.readTree(get(base, "/api/replay/" + runId, authorization).body()).get("state").asText();
  }

  private static String start(String dataset, String from, String to, String speed) {
    return "{\"dataset\":\"" + dataset + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"speed\":" + speed + "}";
  }

  private void assertRefused(URI base, String authorization, String body, int status, String parameter)
      throws Exception {
    assertRefused(base, authorization, body, status, parameter, "/api/replay");
  }

  private void assertRefused(URI base, String authorization, String body, int status, String parameter, String path)
      throws Exception {
    HttpResponse<String> response = send(base, body == null ? "DELETE" : "POST", path, authorization, body);
    assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(status);
    JsonNode error = json.readTree(response.body());
    assertThat(error.get("parameter").asText()).as(response.body()).isEqualTo(parameter);
    assertThat(error.get("reason").asText()).isNotBlank();
  }

  private HttpResponse<String> get(URI base, String path, String authorization) throws Exception {
    return send(base, "GET", path, authorization, null);
  }

  private HttpResponse<String> post(URI base, String authorization, String body) throws Exception {
    return send(base, "POST", "/api/replay", authorization, body);
  }

  private HttpResponse<String> send(URI base, String method, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
        .timeout(Duration.ofSeconds(30));
    if (body != null) {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI socketUri(URI base, String path) {
    return URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + path);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private int handshakeStatus(URI uri, String authorization) {
    try {
      connect(uri, authorization, new ConcurrentLinkedQueue<>()).abort();
    } catch (CompletionException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof WebSocketHandshakeException handshake) {
          return handshake.getResponse().statusCode();
        }
      }
      throw e;
    }
    throw new AssertionError("the handshake to " + uri + " succeeded");
  }

  private WebSocket connect(URI uri, String authorization, ConcurrentLinkedQueue<JsonNode> messages) {
    return JsonSockets.connect(HttpClient.newHttpClient(), uri, authorization, messages);
  }
}
