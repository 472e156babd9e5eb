package io.hotwatch.dashboard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The waits between tries: doubling up to the cap, half of each drawn at random, and never shrinking. */
class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void eachWaitLiesInItsDoublingRangeUpToTheCap() {
    RandomGenerator random = new SplittableRandom(7);
    for (int retry = 1; retry <= 40; retry++) {
      long ceiling = Math.min(60_000, 1000L << Math.min(retry - 1, 20));
      for (int draw = 0; draw < 200; draw++) {
        long wait = backoff.beforeRetry(retry, random).toMillis();
        assertThat(wait).as("retry %d", retry).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void theWaitsAreSpreadNotFixed() {
    RandomGenerator random = new SplittableRandom(11);
    long distinct = IntStream.range(0, 100)
        .mapToLong(i -> backoff.beforeRetry(3, random).toMillis())
        .distinct()
        .count();
    assertThat(distinct).isGreaterThan(50);
  }

  @Test
  void belowTheCapAWaitIsNeverShorterThanTheOneBeforeIt() {
    Backoff uncapped = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1024));
    RandomGenerator random = new SplittableRandom(13);
    for (int run = 0; run < 1000; run++) {
      long previous = 0;
      for (int retry = 1; retry <= 10; retry++) {
        long wait = uncapped.beforeRetry(retry, random).toMillis();
        assertThat(wait).as("retry %d", retry).isGreaterThanOrEqualTo(previous);
        previous = wait;
      }
    }
  }

  @Test
  void retriesCountFromOne() {
    assertThatThrownBy(() -> backoff.beforeRetry(0, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
