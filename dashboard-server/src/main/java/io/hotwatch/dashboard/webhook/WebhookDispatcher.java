package io.hotwatch.dashboard.webhook;

import io.hotwatch.dashboard.alerting.AlertGeoJson;
import io.hotwatch.dashboard.alerting.AlertRecord;
import io.hotwatch.dashboard.alerting.AlertRecordedListener;
import io.hotwatch.dashboard.alerting.CapDocument;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Sends every recorded alert to the subscriptions that want it: the alert as a GeoJSON Feature (as
 * {@code GET /api/alerts/{id}} shows it) or its CAP 1.2 document, signed, retried with backoff and, when given up,
 * written as a dead letter. Subscriptions live in memory: a restart forgets them.
 */
@Singleton
public final class WebhookDispatcher implements AlertRecordedListener {

  private final WebhookSettings settings;
  private final JsonMapper json;
  private final CapDocument cap;
  private final WebhookDeadLetterTopic topic;
  private final Clock clock = Clock.systemUTC();
  private final ExecutorService answers;
  private final ScheduledExecutorService retries;
  private final HttpClient http;
  private final Map<String, Receiver> receivers = new ConcurrentHashMap<>();

  public WebhookDispatcher(WebhookSettings settings, JsonMapper json, CapDocument cap, WebhookDeadLetterTopic topic) {
    this.settings = settings;
    this.json = json;
    this.cap = cap;
    this.topic = topic;
    this.answers = Executors.newFixedThreadPool(settings.threads(), daemon("webhook-http"));
    this.retries = Executors.newSingleThreadScheduledExecutor(daemon("webhook-retries"));
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.timeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        // Plain HTTP/1.1: no h2c upgrade attempt on every new connection to an http:// receiver.
        .version(HttpClient.Version.HTTP_1_1)
        .executor(answers)
        .build();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread thread = new Thread(r, name + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** Starts delivering to a new subscription; refused when the server already holds as many as it may. */
  public WebhookView subscribe(WebhookSubscription subscription) {
    synchronized (receivers) {
      if (receivers.size() >= settings.maxSubscriptions()) {
        throw new RegistrationException("url", "the server already holds " + receivers.size()
            + " subscriptions, its maximum (hotwatch.webhooks.max-subscriptions)");
      }
      Receiver receiver = new Receiver(subscription, settings, http, retries, topic::write, clock);
      receivers.put(subscription.id(), receiver);
      return receiver.view(true);
    }
  }

  /** Stops and forgets a subscription, dropping what waits for it; false when there is none by that id. */
  public boolean unsubscribe(String id) {
    Receiver receiver = receivers.remove(id);
    if (receiver != null) {
      receiver.stop();
    }
    return receiver != null;
  }

  public Optional<WebhookView> view(String id) {
    return Optional.ofNullable(receivers.get(id)).map(r -> r.view(false));
  }

  /** Every subscription, oldest first. */
  public List<WebhookView> views() {
    return receivers.values().stream()
        .map(r -> r.view(false))
        .sorted(Comparator.comparing(WebhookView::createdAt).thenComparing(WebhookView::id))
        .toList();
  }

  public Optional<List<WebhookDeadLetter>> deadLetters(String id) {
    return Optional.ofNullable(receivers.get(id)).map(Receiver::deadLetters);
  }

  @Override
  public void recorded(AlertRecord alert, List<AlertRecord> earlier) {
    Collection<Receiver> all = receivers.values();
    if (all.isEmpty()) {
      return;
    }
    String hotspotId = alert.id().hotspotId();
    // Each body is written once, and only if some subscription takes that format.
    Supplier<byte[]> asJson = once(() -> {
      try {
        return json.writeValueAsBytes(AlertGeoJson.feature(alert));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Supplier<byte[]> asCap = once(() -> cap.write(alert, earlier).getBytes(StandardCharsets.UTF_8));
    for (Receiver receiver : all) {
      WebhookSubscription subscription = receiver.subscription();
      if (!receiver.wants(hotspotId, subscription.filter().matches(alert), alert.closed())) {
        continue;
      }
      boolean capFormat = WebhookSubscription.CAP.equals(subscription.format());
      String deliveryId = UUID.nameUUIDFromBytes(
          (subscription.id() + "|" + alert.id()).getBytes(StandardCharsets.UTF_8)).toString();
      receiver.offer(new Delivery(deliveryId, alert.id().toString(), alert.alert().type(),
          capFormat ? CapDocument.MEDIA_TYPE : "application/json", capFormat ? asCap.get() : asJson.get()));
    }
  }

  private static Supplier<byte[]> once(Supplier<byte[]> make) {
    byte[][] made = new byte[1][];
    return () -> {
      if (made[0] == null) {
        made[0] = make.get();
      }
      return made[0];
    };
  }

  /** Totals over the subscriptions held now. */
  public WebhookTotals totals() {
    List<WebhookView> views = receivers.values().stream().map(r -> r.view(false)).toList();
    return new WebhookTotals(views.size(),
        views.stream().mapToLong(WebhookView::delivered).sum(),
        views.stream().mapToLong(WebhookView::retried).sum(),
        views.stream().mapToLong(WebhookView::deadLettered).sum(),
        topic.written(), topic.failed());
  }

  @PreDestroy
  public void close() {
    receivers.values().forEach(Receiver::stop);
    retries.shutdownNow();
    answers.shutdownNow();
  }
}
