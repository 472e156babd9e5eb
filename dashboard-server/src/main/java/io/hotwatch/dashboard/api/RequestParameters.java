package io.hotwatch.dashboard.api;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads query parameters the API's own way, so that every bad value gets an {@link ApiError} naming it. */
final class RequestParameters {

  private RequestParameters() {}

  /** An ISO-8601 time with a zone ({@code 2017-07-14T22:00:00Z}, {@code 2017-07-14T17:00:00-05:00}), or null. */
  static @Nullable Instant time(String name, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      String hint = value.contains(" ") ? " (a '+' in a query string must be sent as %2B)" : "";
      throw ApiException.badParameter(name, "'" + value + "' is not an ISO-8601 time with a zone, such as "
          + "2017-07-14T22:00:00Z" + hint);
    }
  }

  /** A whole number in {@code [min, max]}, or the default when absent. */
  static int integer(String name, @Nullable String value, int min, int max, int absent) {
    if (value == null || value.isEmpty()) {
      return absent;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw ApiException.badParameter(name, "'" + value + "' is not a whole number");
    }
    if (parsed < min || parsed > max) {
      throw ApiException.badParameter(name, value + " is outside [" + min + ", " + max + "]");
    }
    return (int) parsed;
  }
}
