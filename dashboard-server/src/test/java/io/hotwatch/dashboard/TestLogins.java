package io.hotwatch.dashboard;

import io.hotwatch.dashboard.security.GeneratedLogins;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Logins for the tests: one per role with a generated password (hashed with fewer rounds than production, which only
 * makes the tests' logins faster), and the properties that make the test's own Micronaut clients log in as one role.
 */
public final class TestLogins {

  /** Rounds of the tests' password hash; production uses PasswordHash.DEFAULT_ITERATIONS. */
  private static final int TEST_ITERATIONS = 10_000;

  public static final GeneratedLogins LOGINS = GeneratedLogins.forEveryRole(TEST_ITERATIONS);

  private TestLogins() {}

  /** Server properties: the logins, and {@link TestLoginFilter} signing the context's clients in as {@code role}. */
  public static Map<String, Object> serverProperties(String role) {
    Map<String, Object> properties = new HashMap<>(LOGINS.properties());
    properties.put(TestLoginFilter.LOGIN, role);
    return properties;
  }

  /** {@link #serverProperties} with {@code more} on top. */
  public static Map<String, Object> serverProperties(String role, Map<String, ?> more) {
    Map<String, Object> properties = serverProperties(role);
    properties.putAll(more);
    return properties;
  }

  /** {@link #serverProperties} as text, for a {@code TestPropertyProvider}: lists become comma-separated. */
  public static Map<String, String> textProperties(String role) {
    Map<String, String> text = new HashMap<>();
    serverProperties(role).forEach((key, value) -> text.put(key, value instanceof List<?> list
        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value)));
    return text;
  }

  /**
   * A WebSocket handshake request for {@code path} logged in as {@code user}; Micronaut's WebSocket client does not
   * pass through {@link TestLoginFilter}.
   */
  public static MutableHttpRequest<?> socketRequest(String path, String user) {
    return HttpRequest.GET(path).header(HttpHeaders.AUTHORIZATION, basic(user));
  }

  /** The value of an {@code Authorization} header for HTTP basic authentication as {@code user}. */
  public static String basic(String user) {
    return basic(user, LOGINS.password());
  }

  public static String basic(String user, String password) {
    String pair = user + ":" + password;
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
