package io.hotwatch.dashboard.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One login per role sharing a freshly generated password, and a fresh token-signing secret, as server properties:
 * for a local demo and for tests, where nothing should be written down in advance. Production configures its users
 * and secret instead (see the README).
 *
 * @param password the generated password of every login
 * @param properties the properties to start the server with
 */
public record GeneratedLogins(String password, Map<String, Object> properties) {

  /** Property holding the secret JWTs are signed with (at least 256 bits). */
  public static final String JWT_SECRET = "hotwatch.security.jwt-secret";

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Logins named after their role ({@code viewer}, {@code dispatcher}, {@code analyst}, {@code admin}), hashed with
   * {@code iterations} rounds (tests may take fewer than {@link PasswordHash#DEFAULT_ITERATIONS}).
   */
  public static GeneratedLogins forEveryRole(int iterations) {
    String password = randomText(12);
    Map<String, Object> properties = new LinkedHashMap<>();
    // One hash for the four: the password is the same, and each hash costs a noticeable fraction of a second.
    PasswordHash hash = PasswordHash.of(password.toCharArray(), iterations);
    for (String role : Roles.ALL) {
      properties.put("hotwatch.security.users." + role + ".password-hash", hash.toString());
      properties.put("hotwatch.security.users." + role + ".roles", List.of(role));
    }
    properties.put(JWT_SECRET, randomText(48));
    return new GeneratedLogins(password, Map.copyOf(properties));
  }

  /** One line for a console: who can log in, with what. */
  public String describe() {
    return "log in as dispatcher (or viewer, analyst, admin) with password " + password;
  }

  private static String randomText(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
