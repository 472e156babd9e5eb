package io.hotwatch.deploy.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/** The parts of a JobManager's REST API the container tests ask: jobs, checkpoints, task managers, savepoints. */
final class FlinkRest {

  static final int PORT = 8081;

  private final URI base;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper json = new ObjectMapper();

  FlinkRest(GenericContainer<?> jobManager) {
    this.base = URI.create("http://" + jobManager.getHost() + ":" + jobManager.getMappedPort(PORT) + "/");
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
  }

  JsonNode post(String path, Map<String, Object> body) throws IOException, InterruptedException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
            .build());
  }

  private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri() + ": " + response.statusCode() + " "
          + response.body());
    }
    return json.readTree(response.body());
  }

  /** The id of the one job this application cluster runs, or null before it is submitted. */
  String jobId() throws IOException, InterruptedException {
    JsonNode jobs = get("jobs/overview").path("jobs");
    return jobs.isEmpty() ? null : jobs.get(0).path("jid").asText();
  }

  /** True when the job runs and every one of its tasks (each vertex's parallel instances) does. */
  boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
    JsonNode job = get("jobs/" + jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    int total = 0;
    int running = 0;
    for (JsonNode vertex : job.path("vertices")) {
      total += vertex.path("parallelism").asInt();
      running += vertex.path("tasks").path("RUNNING").asInt();
    }
    return total > 0 && running == total;
  }

  /** Task managers registered at the resource manager. */
  int taskManagers() throws IOException, InterruptedException {
    return get("taskmanagers").path("taskmanagers").size();
  }

  /** The id of the job's latest completed checkpoint, or -1 when none has completed. */
  long latestCompletedCheckpoint(String jobId) throws IOException, InterruptedException {
    JsonNode completed = get("jobs/" + jobId + "/checkpoints").path("latest").path("completed");
    return completed.isMissingNode() || completed.isNull() ? -1 : completed.path("id").asLong();
  }

  /** What the job was last restored from ({@code id}, {@code is_savepoint}, {@code external_path}), or null. */
  JsonNode restoredFrom(String jobId) throws IOException, InterruptedException {
    JsonNode restored = get("jobs/" + jobId + "/checkpoints").path("latest").path("restored");
    return restored.isMissingNode() || restored.isNull() ? null : restored;
  }

  /** How often the job has restarted, by its {@code numRestarts} metric. */
  long restarts(String jobId) throws IOException, InterruptedException {
    for (JsonNode metric : get("jobs/" + jobId + "/metrics?get=numRestarts")) {
      return metric.path("value").asLong();
    }
    return 0;
  }

  /**
   * Stops the job with a savepoint in {@code directory} without draining it (a drain would end event time and fire
   * every window), and returns the trigger id to poll with {@link #savepointLocation}.
   */
  String stopWithSavepoint(String jobId, String directory) throws IOException, InterruptedException {
    return post("jobs/" + jobId + "/stop", Map.of("targetDirectory", directory, "drain", false))
        .path("request-id").asText();
  }

  /** The savepoint's path once written, null while it is in progress; fails when the savepoint failed. */
  String savepointLocation(String jobId, String triggerId) throws IOException, InterruptedException {
    JsonNode status = get("jobs/" + jobId + "/savepoints/" + triggerId);
    if (!"COMPLETED".equals(status.path("status").path("id").asText())) {
      return null;
    }
    JsonNode operation = status.path("operation");
    if (operation.has("failure-cause")) {
      throw new IllegalStateException("savepoint failed: " + operation.path("failure-cause"));
    }
    return operation.path("location").asText();
  }
}
