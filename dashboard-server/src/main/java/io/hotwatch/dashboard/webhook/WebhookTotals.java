package io.hotwatch.dashboard.webhook;

import io.micronaut.serde.annotation.Serdeable;

/**
 * Webhook counters over the subscriptions held now, and the dead-letter topic's own: letters it acknowledged and
 * letters it could not take (those stay listed at the subscription).
 */
@Serdeable
public record WebhookTotals(
    int subscriptions, long delivered, long retried, long deadLettered, long deadLettersWritten,
    long deadLettersNotWritten) {}
