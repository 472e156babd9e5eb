package io.hotwatch.dashboard.alerting;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long the alert history keeps events: {@code hotwatch.alerts.retention} (default 30 days of event time, counted
 * back from the newest event read) and at most {@code hotwatch.alerts.max-entries} events (default 100,000, the
 * oldest go first), so memory stays bounded whatever the topic holds.
 */
@ConfigurationProperties("hotwatch.alerts")
public record AlertHistorySettings(
    @Bindable(defaultValue = "30d") Duration retention, @Bindable(defaultValue = "100000") int maxEntries) {

  public AlertHistorySettings {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("hotwatch.alerts.retention " + retention + " must be positive");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("hotwatch.alerts.max-entries " + maxEntries + " must be at least 1");
    }
  }
}
