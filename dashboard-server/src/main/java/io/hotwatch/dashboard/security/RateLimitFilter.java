package io.hotwatch.dashboard.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Limits the requests of each client address (token bucket: {@link RateLimitSettings}) before authentication, so
 * neither password guessing nor a runaway client can load the server; an excess request gets 429 with
 * {@code Retry-After}. The address is the connection's, or a forwarded one when
 * {@code micronaut.server.client-address-header} says which header a trusted proxy sets.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RateLimitFilter implements Ordered {

  private final RateLimitSettings settings;
  private final HttpClientAddressResolver addresses;
  private final TokenBuckets buckets;
  private final Counter limited;

  public RateLimitFilter(RateLimitSettings settings, HttpClientAddressResolver addresses, MeterRegistry meters) {
    this.settings = settings;
    this.addresses = addresses;
    this.buckets = new TokenBuckets(settings.getRequestsPerSecond(), settings.getBurst(), System::nanoTime);
    this.limited =
        Counter.builder("hotwatch.http.rate.limited")
            .description("Requests refused with 429 because their client address exceeded its rate")
            .register(meters);
  }

  @RequestFilter
  @Nullable
  public HttpResponse<?> limit(HttpRequest<?> request) {
    if (!settings.isEnabled()) {
      return null;
    }
    String address = addresses.resolve(request);
    long waitNanos = buckets.take(address == null ? "unknown" : address);
    if (waitNanos == 0) {
      return null;
    }
    limited.increment();
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
    return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
        .header("Retry-After", Long.toString(seconds))
        .body(Map.of("message", "Too many requests from " + address + ": at most " + settings.getRequestsPerSecond()
            + " per second (bursts of " + settings.getBurst() + "); retry after " + seconds + " s"));
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
