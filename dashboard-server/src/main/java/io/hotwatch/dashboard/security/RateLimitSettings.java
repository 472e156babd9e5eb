package io.hotwatch.dashboard.security;

import io.micronaut.context.annotation.ConfigurationProperties;

/** {@code hotwatch.security.rate-limit}: how many requests each client address may make. */
@ConfigurationProperties("hotwatch.security.rate-limit")
public final class RateLimitSettings {

  private boolean enabled = true;
  private double requestsPerSecond = 20;
  private int burst = 100;

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** Sustained rate per client address. */
  public double getRequestsPerSecond() {
    return requestsPerSecond;
  }

  public void setRequestsPerSecond(double requestsPerSecond) {
    if (!(requestsPerSecond > 0)) {
      throw new IllegalArgumentException("hotwatch.security.rate-limit.requests-per-second must be above 0");
    }
    this.requestsPerSecond = requestsPerSecond;
  }

  /** Requests a client address may make at once after a quiet spell (a page load fetches about ten). */
  public int getBurst() {
    return burst;
  }

  public void setBurst(int burst) {
    if (burst < 1) {
      throw new IllegalArgumentException("hotwatch.security.rate-limit.burst must be at least 1");
    }
    this.burst = burst;
  }
}
