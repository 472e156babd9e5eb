package io.hotwatch.dashboard.api;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The one error body of the alerting API: {@code {"status":400,"error":"Bad Request","parameter":"from",
 * "reason":"'yesterday' is not an ISO-8601 time"}}.
 *
 * @param status the HTTP status code
 * @param error the status's reason phrase
 * @param parameter the query parameter, path variable or body field at fault ({@code filter.minSeverity})
 * @param reason what is wrong with it, naming the value
 */
@Serdeable
public record ApiError(int status, String error, String parameter, String reason) {}
