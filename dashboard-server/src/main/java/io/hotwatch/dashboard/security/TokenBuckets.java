package io.hotwatch.dashboard.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * One token bucket per key: {@code burst} tokens, refilled at {@code ratePerSecond}; a request takes one or waits
 * for it. Buckets that have refilled completely are forgotten, so the map holds only clients active lately.
 */
final class TokenBuckets {

  private static final int SWEEP_EVERY = 4_096;

  private final double ratePerNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicInteger sinceSweep = new AtomicInteger();

  TokenBuckets(double ratePerSecond, int burst, LongSupplier nanoTime) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /** Takes a token from {@code key}'s bucket: 0 when there was one, else the nanoseconds until there will be. */
  long take(String key) {
    long now = nanoTime.getAsLong();
    long wait = buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now, ratePerNano, burst);
    if (sinceSweep.incrementAndGet() % SWEEP_EVERY == 0) {
      buckets.values().removeIf(bucket -> bucket.fullAt(now, ratePerNano, burst));
    }
    return wait;
  }

  int size() {
    return buckets.size();
  }

  private static final class Bucket {
    private double tokens;
    private long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }

    synchronized long take(long now, double ratePerNano, double burst) {
      refill(now, ratePerNano, burst);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / ratePerNano);
    }

    synchronized boolean fullAt(long now, double ratePerNano, double burst) {
      refill(now, ratePerNano, burst);
      return tokens >= burst;
    }

    private void refill(long now, double ratePerNano, double burst) {
      tokens = Math.min(burst, tokens + (now - updated) * ratePerNano);
      updated = now;
    }
  }
}
