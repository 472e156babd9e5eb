package io.hotwatch.dashboard.api;

import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.dashboard.alerting.AlertGeoJson;
import io.hotwatch.dashboard.alerting.AlertHistory;
import io.hotwatch.dashboard.alerting.AlertId;
import io.hotwatch.dashboard.alerting.AlertQuery;
import io.hotwatch.dashboard.alerting.AlertRecord;
import io.hotwatch.dashboard.alerting.CapDocument;
import io.hotwatch.dashboard.alerting.PoliceDistricts;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;

/**
 * The alert history: every applied hotspot event of the retention, listed as GeoJSON, one by one, or as a CAP 1.2
 * document. Free of access rules, so that a security filter can be put in front without changing it.
 */
@Controller("/api/alerts")
@Tag(name = "alerts", description = "Hotspot events kept for the retention, as GeoJSON or CAP 1.2")
public class AlertController {

  /** RFC 7946's media type. */
  public static final String GEO_JSON = "application/geo+json";
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AlertHistory history;
  private final PoliceDistricts districts;
  private final CapDocument cap;

  public AlertController(AlertHistory history, PoliceDistricts districts, CapDocument cap) {
    this.history = history;
    this.districts = districts;
    this.cap = cap;
  }

  /** Alerts by evaluation time in [from, to), newest first (then by hotspot id, later revision first). */
  @Get
  @Produces(GEO_JSON)
  @Operation(summary = "List alerts", description = "Events whose evaluation time lies in [from, to), newest first, "
      + "as a GeoJSON FeatureCollection; 400 names the parameter when one is malformed or out of range.")
  @ApiResponse(responseCode = "200", description = "the alerts")
  @ApiResponse(responseCode = "400", description = "a bad parameter",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public AlertGeoJson.FeatureCollection list(
      @Parameter(description = "ISO-8601 time with a zone; inclusive; open when absent")
          @Nullable @QueryValue String from,
      @Parameter(description = "ISO-8601 time with a zone; exclusive; open when absent")
          @Nullable @QueryValue String to,
      @Parameter(description = "police district number, e.g. 18") @Nullable @QueryValue String district,
      @Parameter(description = "normalised category, e.g. THEFT") @Nullable @QueryValue String category,
      @Parameter(description = "at most this many, 1 to 1000; 100 when absent") @Nullable @QueryValue String limit) {
    Instant start = RequestParameters.time("from", from);
    Instant end = RequestParameters.time("to", to);
    if (start != null && end != null && start.isAfter(end)) {
      throw ApiException.badParameter("from", "from " + start + " is after to " + end);
    }
    if (district != null && districts.byNumber(district).isEmpty()) {
      throw ApiException.badParameter("district", "'" + district + "' is not a Chicago police district number");
    }
    if (category != null && !CrimeCategory.isKnown(category)) {
      throw ApiException.badParameter("category", "'" + category + "' is not a category of docs/TAXONOMY.md");
    }
    int most = RequestParameters.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
    return AlertGeoJson.of(history.find(new AlertQuery(start, end, district, category, most)));
  }

  @Get("/{alertId}")
  @Produces(GEO_JSON)
  @Operation(summary = "One alert", description = "One hotspot revision as a GeoJSON Feature; alertId is "
      + "<hotspotId>:<revision>.")
  @ApiResponse(responseCode = "200", description = "the alert")
  @ApiResponse(responseCode = "400", description = "alertId is not <hotspotId>:<revision>",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "404", description = "no such alert in the history",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public AlertGeoJson.Feature one(@PathVariable String alertId) {
    return AlertGeoJson.feature(find(alertId));
  }

  @Get("/{alertId}/cap")
  @Produces({CapDocument.MEDIA_TYPE, MediaType.APPLICATION_XML})
  @Operation(summary = "One alert as CAP 1.2", description = "An OASIS Common Alerting Protocol 1.2 alert: "
      + "opened is an Alert, updated an Update and closed a Cancel, each referencing the earlier revisions held.")
  @ApiResponse(responseCode = "200", description = "the CAP document",
      content = @Content(mediaType = CapDocument.MEDIA_TYPE, schema = @Schema(type = "string")))
  @ApiResponse(responseCode = "400", description = "alertId is not <hotspotId>:<revision>",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  @ApiResponse(responseCode = "404", description = "no such alert in the history",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public String cap(@PathVariable String alertId) {
    AlertRecord record = find(alertId);
    return cap.write(record, history.earlier(record.id()));
  }

  private AlertRecord find(String alertId) {
    AlertId id;
    try {
      id = AlertId.parse(alertId);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("alertId", e.getMessage());
    }
    return history.get(id).orElseThrow(() -> ApiException.notFound("alertId",
        "no alert " + id + " in the history (unknown, or older than the retention)"));
  }
}
