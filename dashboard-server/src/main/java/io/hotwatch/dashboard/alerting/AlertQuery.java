package io.hotwatch.dashboard.alerting;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * Which events to list: evaluation time in {@code [from, to)} (either end open when null), in a police district
 * (by number) and with a category among the counted incidents when given, at most {@code limit}.
 */
public record AlertQuery(
    @Nullable Instant from, @Nullable Instant to, @Nullable String district, @Nullable String category, int limit) {

  boolean matches(AlertRecord alert) {
    Instant at = alert.alert().evaluatedAt();
    return (from == null || !at.isBefore(from))
        && (to == null || at.isBefore(to))
        && (district == null || alert.inDistrict(district))
        && (category == null || alert.categories().containsKey(category));
  }
}
