package io.hotwatch.dashboard.acks;

import io.hotwatch.dashboard.alerting.AlertHistory;
import io.hotwatch.dashboard.alerting.AlertId;
import io.hotwatch.dashboard.api.ApiException;
import io.hotwatch.dashboard.stream.Acknowledgement;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Acknowledging alerts ({@code dispatcher}) and listing the acknowledgements ({@code viewer}). */
@Controller("/api")
@SerdeImport(Acknowledgement.class)
public class AckController {

  private final AckStore store;
  private final AlertHistory history;

  public AckController(AckStore store, AlertHistory history) {
    this.store = store;
    this.history = history;
  }

  /** The body of an acknowledgement: an optional note. */
  @Serdeable
  public record AckRequest(@Nullable String note) {}

  /**
   * Acknowledges an alert (one revision of a hotspot, {@code <hotspotId>:<revision>}) as the logged-in user: 201 with
   * the acknowledgement; 409 when the alert was acknowledged already (the reason says by whom); 400 for a malformed
   * alert id or a note too long; 404 for an alert this server does not hold.
   */
  @Post("/alerts/{alertId}/ack")
  public HttpResponse<Acknowledgement> acknowledge(
      @PathVariable String alertId, @Body @Nullable AckRequest request, Authentication authentication) {
    AlertId id;
    try {
      id = AlertId.parse(alertId);
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("alertId", e.getMessage());
    }
    if (history.get(id).isEmpty()) {
      throw ApiException.notFound("alertId", "no alert " + id + " is held");
    }
    try {
      return HttpResponse.created(store.acknowledge(
          id.toString(), id.hotspotId(), authentication.getName(), request == null ? null : request.note()));
    } catch (AlreadyAcknowledgedException e) {
      throw ApiException.conflict("alertId", e.getMessage());
    } catch (IllegalArgumentException e) {
      throw ApiException.badParameter("note", e.getMessage());
    }
  }

  /** Every acknowledgement this server has read, latest first. */
  @Get("/acks")
  public List<Acknowledgement> acknowledgements() {
    return store.all();
  }
}
