package io.hotwatch.dashboard.webhook;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/webhooks}.
 *
 * @param url where alerts are POSTed, http or https
 * @param secret the HMAC key, at least 16 characters; the server makes one (64 hex digits) when absent
 * @param filter which alerts; every alert when absent
 * @param format {@code json} (the alert as a GeoJSON Feature, the default) or {@code cap} (its CAP 1.2 document)
 */
@Serdeable
public record WebhookRegistration(
    @Nullable String url, @Nullable String secret, @Nullable WebhookFilter filter, @Nullable String format) {}
