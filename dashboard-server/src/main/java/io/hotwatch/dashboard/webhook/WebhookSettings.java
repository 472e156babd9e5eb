package io.hotwatch.dashboard.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How webhooks are delivered ({@code hotwatch.webhooks.*}): tries per delivery, the backoff between them (the wait
 * before retry n is drawn from {@code [d/2, d]} with {@code d = min(max-delay, base-delay * 2^(n-1))}), the time a
 * receiver has to answer, how many deliveries a subscription may have waiting, how many dead letters each keeps in
 * memory, the Kafka topic dead letters go to, and the threads that handle answers.
 */
@ConfigurationProperties("hotwatch.webhooks")
public record WebhookSettings(
    @Bindable(defaultValue = "6") int attempts,
    @Bindable(defaultValue = "1s") Duration baseDelay,
    @Bindable(defaultValue = "60s") Duration maxDelay,
    @Bindable(defaultValue = "10s") Duration timeout,
    @Bindable(defaultValue = "1000") int queueCapacity,
    @Bindable(defaultValue = "1000") int deadLettersKept,
    @Bindable(defaultValue = "100") int maxSubscriptions,
    @Bindable(defaultValue = "webhook-dead-letters") String deadLetterTopic,
    @Bindable(defaultValue = "2") int threads) {

  public WebhookSettings {
    positive("attempts", attempts);
    positive("queue-capacity", queueCapacity);
    positive("dead-letters-kept", deadLettersKept);
    positive("max-subscriptions", maxSubscriptions);
    positive("threads", threads);
    positive("base-delay", baseDelay);
    positive("max-delay", maxDelay);
    positive("timeout", timeout);
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "hotwatch.webhooks.max-delay " + maxDelay + " is below base-delay " + baseDelay);
    }
    if (deadLetterTopic.isBlank()) {
      throw new IllegalArgumentException("hotwatch.webhooks.dead-letter-topic is blank");
    }
  }

  private static void positive(String key, long value) {
    if (value < 1) {
      throw new IllegalArgumentException("hotwatch.webhooks." + key + " " + value + " must be at least 1");
    }
  }

  private static void positive(String key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("hotwatch.webhooks." + key + " " + value + " must be positive");
    }
  }
}
