package io.hotwatch.dashboard.security;

import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.util.HttpHostResolver;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses a WebSocket upgrade sent by a page on another origin (403). Browsers send cookies with cross-site
 * WebSocket handshakes and CORS does not apply to them, so without this check any site a logged-in dispatcher visits
 * could read the live feed. A request from the dashboard's own origin, from an origin matching
 * {@code hotwatch.security.allowed-origins-regex}, or without an {@code Origin} (not a browser) passes.
 */
@ServerFilter("/ws/**")
public final class SocketOriginFilter implements Ordered {

  private final Pattern allowed;
  private final HttpHostResolver hosts;

  public SocketOriginFilter(
      @Property(name = "hotwatch.security.allowed-origins-regex") String allowedOrigins, HttpHostResolver hosts) {
    this.allowed = Pattern.compile(allowedOrigins);
    this.hosts = hosts;
  }

  @RequestFilter
  @Nullable
  public HttpResponse<?> checkOrigin(HttpRequest<?> request) {
    String origin = request.getHeaders().get(HttpHeaders.ORIGIN);
    if (origin == null || sameOrigin(origin, request) || allowed.matcher(origin).matches()) {
      return null;
    }
    return HttpResponse.status(HttpStatus.FORBIDDEN)
        .body(Map.of("message", "WebSocket connections from origin " + origin + " are not allowed"));
  }

  private boolean sameOrigin(String origin, HttpRequest<?> request) {
    String host = hosts.resolve(request);
    return host != null && host.toLowerCase(Locale.ROOT).equals(origin.toLowerCase(Locale.ROOT));
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.before();
  }
}
