package io.hotwatch.dashboard.alerting;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.util.Set;

/**
 * What CAP documents say about their origin: {@code hotwatch.cap.sender} (CAP's {@code sender}, best a
 * domain-qualified address of the operator; default {@code hotwatch@localhost}), {@code hotwatch.cap.status}
 * ({@code Actual} by default; {@code Exercise} for a replay or demo) and {@code hotwatch.cap.scope} ({@code Public}
 * by default, or {@code Restricted} when only agencies may see them).
 */
@ConfigurationProperties("hotwatch.cap")
public record CapSettings(
    @Bindable(defaultValue = "hotwatch@localhost") String sender,
    @Bindable(defaultValue = "Actual") String status,
    @Bindable(defaultValue = "Public") String scope) {

  private static final Set<String> STATUSES = Set.of("Actual", "Exercise", "System", "Test", "Draft");
  private static final Set<String> SCOPES = Set.of("Public", "Restricted");

  public CapSettings {
    boolean forbidden = sender.chars().anyMatch(c -> Character.isWhitespace(c) || c == ',' || c == '<' || c == '&');
    if (sender.isBlank() || forbidden) {
      throw new IllegalArgumentException("hotwatch.cap.sender '" + sender
          + "' must be non-blank without spaces, commas, '<' or '&'");
    }
    if (!STATUSES.contains(status)) {
      throw new IllegalArgumentException("hotwatch.cap.status '" + status + "' is not one of " + STATUSES);
    }
    if (!SCOPES.contains(scope)) {
      throw new IllegalArgumentException("hotwatch.cap.scope '" + scope + "' is not one of " + SCOPES
          + " (Private needs addresses, which Hotwatch does not keep)");
    }
  }
}
