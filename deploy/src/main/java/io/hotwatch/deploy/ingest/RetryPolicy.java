package io.hotwatch.deploy.ingest;

import java.time.Duration;

/**
 * How often and how patiently a failed request is tried again: {@code attempts} tries in all, waiting {@code
 * firstBackoff}, then twice as long each time, never more than {@code maxBackoff} (a server's Retry-After is honoured
 * up to that bound).
 */
public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts " + attempts + " must be at least 1");
    }
    if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0) {
      throw new IllegalArgumentException("backoff " + firstBackoff + " .. " + maxBackoff + " is not a range");
    }
  }

  /** The wait before try {@code attempt + 1} (attempt counts from 1), given what the server asked for, if anything. */
  Duration backoff(int attempt, Duration retryAfter) {
    Duration wait = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
    if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
      wait = retryAfter;
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
