package io.hotwatch.dashboard.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: before retry {@code n} (1 for the second try) wait a time drawn uniformly from
 * {@code [d/2, d]}, {@code d = min(max, base * 2^(n-1))}. Half of each wait is random so that receivers failing
 * together are not retried together; the other half keeps every wait at least as long as the one before it until
 * the cap is reached.
 */
public record Backoff(Duration base, Duration max) {

  public Duration beforeRetry(int retry, RandomGenerator random) {
    if (retry < 1) {
      throw new IllegalArgumentException("retry " + retry + " must be at least 1");
    }
    long baseMillis = base.toMillis();
    // Past 2^30 times the base the cap has long been reached; stop doubling before the long overflows.
    long ceiling = retry > 31 ? max.toMillis() : Math.min(max.toMillis(), baseMillis << (retry - 1));
    long half = ceiling / 2;
    return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
  }
}
