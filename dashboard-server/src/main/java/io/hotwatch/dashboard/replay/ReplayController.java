package io.hotwatch.dashboard.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.replay.ReplayDataset;
import io.hotwatch.core.replay.ReplayStatus;
import io.hotwatch.dashboard.api.ApiError;
import io.hotwatch.dashboard.api.ApiException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Replay mode: the datasets on offer, starting and stopping a run, its status and progress. Free of access rules (the
 * security settings give these routes to analysts); a run's hotspots stream at {@code /ws/replay/{runId}}.
 */
@Controller("/api/replay")
@Tag(name = "replay", description = "Replays of historical incidents through the same engine, apart from the live view")
@SerdeImport(ReplayStatus.class)
@SerdeImport(ReplayDataset.class)
public class ReplayController {

  private static final Set<String> FIELDS = Set.of("dataset", "from", "to", "speed");

  private final ReplayDirectory directory;
  private final ObjectMapper json = new ObjectMapper();

  public ReplayController(ReplayDirectory directory) {
    this.directory = directory;
  }

  /**
   * What a run is asked for.
   *
   * @param dataset a dataset's name, as {@code GET /api/replay/datasets} lists them
   * @param from first occurrence time replayed (inclusive), ISO-8601 with a zone
   * @param to end of the occurrence times replayed (exclusive), ISO-8601 with a zone
   * @param speed a factor on real time (60: an hour a minute; 3600: an hour a second) or "max"
   */
  @Serdeable
  public record StartRequest(String dataset, String from, String to, String speed) {}

  @Get("/datasets")
  @Operation(summary = "The datasets on offer", description = "Name, description, incidents and the first and last"
      + " occurrence time of each dataset the replay service can replay.")
  public List<ReplayDataset> datasets() {
    return directory.datasets();
  }

  @Post(consumes = MediaType.APPLICATION_JSON)
  @Operation(summary = "Start a replay", description = "Replays the dataset's incidents in [from, to) at the speed"
      + " through a fresh run of the hotspot job; the answer is the run's first status, with its runId.")
  @ApiResponse(responseCode = "202", description = "the run's first status")
  @ApiResponse(responseCode = "400", description = "an unknown dataset, from not before to, a range outside the"
      + " dataset, a bad speed or body; the field is named",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "409", description = "a run is active: one at a time",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(implementation = StartRequest.class)))
  public HttpResponse<ReplayStatus> start(@Body @Nullable String body, Authentication authentication) {
    JsonNode request = read(body);
    String speed = request.path("speed").isNumber() ? request.get("speed").asText() : text(request, "speed");
    try {
      return HttpResponse.accepted().body(directory.start(text(request, "dataset"), time(request, "from"),
          time(request, "to"), speed, authentication.getName()));
    } catch (IllegalStateException e) {
      throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  @Get
  @Operation(summary = "Every run", description = "The status and progress of every run the service keeps, latest"
      + " first.")
  public List<ReplayStatus> runs() {
    return directory.runs();
  }

  @Get("/{runId}")
  @Operation(summary = "One run", description = "State (requested, running, finishing, finished, stopped, failed,"
      + " refused), reason, the replay's event-time clock, incidents sent and in all.")
  @ApiResponse(responseCode = "404", description = "no such run",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public ReplayStatus run(@PathVariable String runId) {
    return directory.run(runId)
        .orElseThrow(() -> ApiException.notFound("runId", "no replay run '" + runId + "' is known"));
  }

  @Delete("/{runId}")
  @Operation(summary = "Stop a run", description = "Stops sending incidents and cancels the run's job; its status"
      + " becomes stopped.")
  @ApiResponse(responseCode = "202", description = "the run's status when the stop was asked for")
  @ApiResponse(responseCode = "404", description = "no such run",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "409", description = "the run has ended",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public HttpResponse<ReplayStatus> stop(@PathVariable String runId, Authentication authentication) {
    try {
      return HttpResponse.accepted().body(directory.stop(runId, authentication.getName()));
    } catch (IllegalStateException e) {
      throw new HttpStatusException(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  private JsonNode read(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badParameter("body", "a JSON object {dataset, from, to, speed} is needed");
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (JsonProcessingException e) {
      throw ApiException.badParameter("body", "not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badParameter("body", "a JSON object {dataset, from, to, speed} is needed");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.badParameter(name, "unknown field; a replay request has dataset, from, to and speed");
      }
    }
    return node;
  }

  private static String text(JsonNode request, String field) {
    JsonNode value = request.get(field);
    if (value == null || value.isNull()) {
      throw ApiException.badParameter(field, "missing");
    }
    if (!value.isTextual()) {
      throw ApiException.badParameter(field, "must be a string, not " + value);
    }
    return value.asText();
  }

  private static Instant time(JsonNode request, String field) {
    String text = text(request, field);
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.badParameter(field, "'" + text + "' is not an ISO-8601 time with a zone, such as"
          + " 2017-07-14T05:00:00Z");
    }
  }
}
