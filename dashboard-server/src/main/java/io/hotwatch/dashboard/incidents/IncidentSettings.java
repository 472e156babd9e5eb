package io.hotwatch.dashboard.incidents;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How many recent scored incidents the server keeps for snapshots ({@code hotwatch.incidents.*}).
 *
 * @param recentLimit most incidents kept; also how many records of each partition are read back at start
 * @param recentWindow event time kept, counted back from the newest incident read
 */
@ConfigurationProperties("hotwatch.incidents")
public record IncidentSettings(
    @Bindable(defaultValue = "500") int recentLimit, @Bindable(defaultValue = "1h") Duration recentWindow) {

  public IncidentSettings {
    if (recentLimit < 0) {
      throw new IllegalArgumentException("hotwatch.incidents.recent-limit " + recentLimit + " is negative");
    }
    if (recentWindow == null || recentWindow.isNegative()) {
      throw new IllegalArgumentException("hotwatch.incidents.recent-window " + recentWindow + " is negative");
    }
  }
}
