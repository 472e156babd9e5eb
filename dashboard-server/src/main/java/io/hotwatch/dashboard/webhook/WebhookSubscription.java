package io.hotwatch.dashboard.webhook;

import java.net.URI;
import java.time.Instant;

/** A registered receiver of alerts; its secret never leaves the server after registration. */
public record WebhookSubscription(
    String id, URI url, String secret, WebhookFilter filter, String format, Instant createdAt) {

  public static final String JSON = "json";
  public static final String CAP = "cap";
}
