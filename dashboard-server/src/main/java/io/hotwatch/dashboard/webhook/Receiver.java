package io.hotwatch.dashboard.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One subscription's deliveries, in the order of the alerts: a bounded queue and at most one request in flight. The
 * request is sent without blocking a thread and a retry waits on a scheduler, so a slow or dead receiver holds up
 * only its own queue. A full queue turns a new delivery into a dead letter at once.
 */
final class Receiver {

  private final WebhookSubscription subscription;
  private final WebhookSettings settings;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final Consumer<WebhookDeadLetter> deadLetters;
  private final Clock clock;
  private final Backoff backoff;
  private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
  private final ArrayDeque<WebhookDeadLetter> kept = new ArrayDeque<>();
  /** Hotspots an alert was sent for and that have not closed: their later events are sent whatever the filter says. */
  private final Set<String> following = new HashSet<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private boolean inFlight;
  private boolean stopped;

  Receiver(WebhookSubscription subscription, WebhookSettings settings, HttpClient http,
      ScheduledExecutorService scheduler, Consumer<WebhookDeadLetter> deadLetters, Clock clock) {
    this.subscription = subscription;
    this.settings = settings;
    this.http = http;
    this.scheduler = scheduler;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.backoff = new Backoff(settings.baseDelay(), settings.maxDelay());
  }

  WebhookSubscription subscription() {
    return subscription;
  }

  /** Whether an alert of this hotspot must go out: it matches the filter, or an earlier one of its hotspot went. */
  synchronized boolean wants(String hotspotId, boolean matches, boolean closes) {
    boolean wanted = matches || following.contains(hotspotId);
    if (closes) {
      following.remove(hotspotId);
    } else if (wanted) {
      following.add(hotspotId);
    }
    return wanted;
  }

  synchronized void offer(Delivery delivery) {
    if (stopped) {
      return;
    }
    if (queue.size() >= settings.queueCapacity()) {
      giveUp(delivery, 0, "queue full: " + settings.queueCapacity() + " deliveries already wait for this receiver");
      return;
    }
    queue.add(delivery);
    if (!inFlight) {
      next();
    }
  }

  private void next() {
    Delivery delivery = queue.poll();
    inFlight = delivery != null;
    if (delivery != null) {
      attempt(delivery, 1);
    }
  }

  private void attempt(Delivery delivery, int attempt) {
    synchronized (this) {
      if (stopped) {
        return;
      }
    }
    long timestamp = Instant.now(clock).getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(subscription.url())
        .timeout(settings.timeout())
        .header("Content-Type", delivery.contentType())
        .header("User-Agent", "Hotwatch-Webhooks")
        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(subscription.secret(), timestamp,
            delivery.body()))
        .header(WebhookSignature.DELIVERY_HEADER, delivery.deliveryId())
        .header(WebhookSignature.ALERT_HEADER, delivery.alertId())
        .header(WebhookSignature.EVENT_HEADER, delivery.eventType())
        .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()))
        .build();
    http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .whenComplete((response, failure) -> answered(delivery, attempt, response, failure));
  }

  private void answered(Delivery delivery, int attempt, HttpResponse<Void> response, Throwable failure) {
    String outcome;
    boolean retryable;
    if (failure == null) {
      int status = response.statusCode();
      if (status >= 200 && status < 300) {
        delivered.incrementAndGet();
        finished();
        return;
      }
      outcome = "answered " + status;
      retryable = status >= 500 || status == 408 || status == 429;
    } else {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      outcome = (cause instanceof HttpTimeoutException ? "no answer within " + settings.timeout() + ": " : "failed: ")
          + cause;
      // Timeouts and connection errors are IOExceptions; anything else is a fault of ours, not worth repeating.
      retryable = cause instanceof IOException;
    }
    if (retryable && attempt < settings.attempts()) {
      retried.incrementAndGet();
      Duration wait = backoff.beforeRetry(attempt, ThreadLocalRandom.current());
      scheduler.schedule(() -> attempt(delivery, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    String reason = retryable ? outcome + " on the last of " + attempt + " tries" : outcome + " (not retried)";
    synchronized (this) {
      giveUp(delivery, attempt, reason);
    }
    finished();
  }

  private synchronized void finished() {
    if (!stopped) {
      next();
    }
  }

  /** Called holding this receiver's lock. */
  private void giveUp(Delivery delivery, int attempts, String reason) {
    deadLettered.incrementAndGet();
    WebhookDeadLetter letter = new WebhookDeadLetter(subscription.id(), subscription.url().toString(),
        delivery.deliveryId(), delivery.alertId(), attempts, reason,
        new String(delivery.body(), StandardCharsets.UTF_8), Instant.now(clock));
    kept.addLast(letter);
    while (kept.size() > settings.deadLettersKept()) {
      kept.removeFirst();
    }
    deadLetters.accept(letter);
  }

  /** Drops what waits; a request in flight ends without a retry. */
  synchronized void stop() {
    stopped = true;
    queue.clear();
  }

  synchronized List<WebhookDeadLetter> deadLetters() {
    return new ArrayList<>(kept);
  }

  synchronized WebhookView view(boolean withSecret) {
    return new WebhookView(subscription.id(), subscription.url().toString(), subscription.filter(),
        subscription.format(), subscription.createdAt(), withSecret ? subscription.secret() : null, delivered.get(),
        retried.get(), deadLettered.get(), queue.size() + (inFlight ? 1 : 0));
  }
}
