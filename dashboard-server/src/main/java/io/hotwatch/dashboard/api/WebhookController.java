package io.hotwatch.dashboard.api;

import io.hotwatch.dashboard.webhook.RegistrationException;
import io.hotwatch.dashboard.webhook.WebhookDeadLetter;
import io.hotwatch.dashboard.webhook.WebhookDispatcher;
import io.hotwatch.dashboard.webhook.WebhookRegistration;
import io.hotwatch.dashboard.webhook.WebhookRegistrations;
import io.hotwatch.dashboard.webhook.WebhookTotals;
import io.hotwatch.dashboard.webhook.WebhookView;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;

/**
 * Webhook subscriptions: register, list, look at, delete, and the deliveries given up on. Free of access rules, so
 * that a security filter can be put in front without changing it.
 */
@Controller("/api/webhooks")
@Tag(name = "webhooks", description = "Signed alert deliveries to receivers' URLs, with retries and dead letters")
public class WebhookController {

  private final WebhookRegistrations registrations;
  private final WebhookDispatcher dispatcher;

  public WebhookController(WebhookRegistrations registrations, WebhookDispatcher dispatcher) {
    this.registrations = registrations;
    this.dispatcher = dispatcher;
  }

  @Post(consumes = MediaType.APPLICATION_JSON)
  @Status(HttpStatus.CREATED)
  @Operation(summary = "Register a receiver", description = "Alerts matching the filter (and later events of their "
      + "hotspots) are POSTed to url, signed with the secret; the answer holds the secret, the only time it is shown.")
  @ApiResponse(responseCode = "201", description = "the subscription, with its secret")
  @ApiResponse(responseCode = "400", description = "a bad field, named",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
      schema = @Schema(implementation = WebhookRegistration.class)))
  public WebhookView register(@Body @Nullable String body) {
    try {
      return dispatcher.subscribe(registrations.accept(registrations.read(body), Clock.systemUTC()));
    } catch (RegistrationException e) {
      throw ApiException.badParameter(e.field(), e.reason());
    }
  }

  @Get
  @Operation(summary = "Every subscription", description = "Oldest first, with counters; secrets are not shown.")
  public List<WebhookView> list() {
    return dispatcher.views();
  }

  @Get("/stats")
  @Operation(summary = "Delivery counters", description = "Delivered, retried and dead-lettered over the "
      + "subscriptions held now, and the dead-letter topic's writes.")
  public WebhookTotals stats() {
    return dispatcher.totals();
  }

  @Get("/{id}")
  @Operation(summary = "One subscription", description = "With its counters; the secret is not shown.")
  @ApiResponse(responseCode = "200", description = "the subscription")
  @ApiResponse(responseCode = "404", description = "no such subscription",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public WebhookView one(@PathVariable String id) {
    return dispatcher.view(id).orElseThrow(() -> unknown(id));
  }

  @Delete("/{id}")
  @Operation(summary = "Delete a subscription", description = "Stops deliveries at once; what waits is dropped.")
  @ApiResponse(responseCode = "204", description = "deleted")
  @ApiResponse(responseCode = "404", description = "no such subscription",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public HttpResponse<Void> delete(@PathVariable String id) {
    if (!dispatcher.unsubscribe(id)) {
      throw unknown(id);
    }
    return HttpResponse.noContent();
  }

  @Get("/{id}/dead-letters")
  @Operation(summary = "Deliveries given up on", description = "Oldest first, the latest ones kept "
      + "(hotwatch.webhooks.dead-letters-kept); each is also on the webhook-dead-letters topic.")
  @ApiResponse(responseCode = "200", description = "the dead letters")
  @ApiResponse(responseCode = "404", description = "no such subscription",
      content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
  public List<WebhookDeadLetter> deadLetters(@PathVariable String id) {
    return dispatcher.deadLetters(id).orElseThrow(() -> unknown(id));
  }

  private static ApiException unknown(String id) {
    return ApiException.notFound("id", "no webhook subscription '" + id + "'");
  }
}
