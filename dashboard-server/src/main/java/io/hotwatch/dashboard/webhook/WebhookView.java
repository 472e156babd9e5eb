package io.hotwatch.dashboard.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A subscription as the API shows it, with its counters; {@code secret} only in the answer to its registration.
 *
 * @param delivered deliveries a receiver accepted (2xx)
 * @param retried tries repeated after a 5xx, 408, 429, a timeout or a connection error
 * @param deadLettered deliveries given up on
 * @param waiting deliveries queued or in flight now
 */
@Serdeable
public record WebhookView(
    String id, String url, WebhookFilter filter, String format, Instant createdAt, @Nullable String secret,
    long delivered, long retried, long deadLettered, int waiting) {}
