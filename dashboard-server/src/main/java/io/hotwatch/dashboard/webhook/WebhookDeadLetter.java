package io.hotwatch.dashboard.webhook;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A delivery given up on, as written to the {@code webhook-dead-letters} topic and listed at
 * {@code GET /api/webhooks/{id}/dead-letters}.
 *
 * @param subscriptionId the subscription
 * @param url its receiver
 * @param deliveryId the delivery's id (the {@code X-Hotwatch-Delivery} header)
 * @param alertId the alert, {@code <hotspotId>:<revision>}
 * @param attempts tries made
 * @param reason why it was given up: the last answer or error
 * @param payload the body that was to be delivered, unchanged
 * @param failedAt when it was given up (wall-clock time)
 */
@Serdeable
public record WebhookDeadLetter(
    String subscriptionId, String url, String deliveryId, String alertId, int attempts, String reason, String payload,
    Instant failedAt) {}
