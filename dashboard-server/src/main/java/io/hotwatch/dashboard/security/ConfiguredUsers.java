package io.hotwatch.dashboard.security;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestExecutorAuthenticationProvider;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks user names and passwords against the {@link UserAccount}s of the configuration, for the login form and for
 * HTTP basic authentication alike.
 *
 * <p>A password hash is slow on purpose (hundreds of milliseconds), and a basic-auth client sends its password with
 * every request. So a successful check is remembered for {@link #REMEMBERED} under a SHA-256 of the name and
 * password (never the password itself); a failed one is not, so guessing stays slow. Runs on the blocking executor,
 * never on an event loop.
 */
@Singleton
public final class ConfiguredUsers<B> implements HttpRequestExecutorAuthenticationProvider<B> {

  private static final Logger LOG = LoggerFactory.getLogger(ConfiguredUsers.class);
  static final Duration REMEMBERED = Duration.ofMinutes(5);
  private static final int MAX_REMEMBERED = 10_000;

  private final Map<String, Account> accounts;
  private final Map<String, Instant> verified = new ConcurrentHashMap<>();
  private final Clock clock;

  public ConfiguredUsers(List<UserAccount> users) {
    this(users, Clock.systemUTC());
  }

  ConfiguredUsers(List<UserAccount> users, Clock clock) {
    this.accounts = users.stream().map(Account::of).collect(Collectors.toUnmodifiableMap(Account::name, a -> a));
    this.clock = clock;
    if (accounts.isEmpty()) {
      LOG.warn("No users are configured (hotwatch.security.users.NAME.password-hash and .roles): nobody can log in");
    } else {
      LOG.info("{} users configured: {}", accounts.size(), accounts.keySet().stream().sorted().toList());
    }
  }

  @Override
  public AuthenticationResponse authenticate(
      HttpRequest<B> request, AuthenticationRequest<String, String> credentials) {
    String name = credentials.getIdentity();
    Account account = name == null ? null : accounts.get(name);
    if (account == null) {
      return AuthenticationResponse.failure(AuthenticationFailureReason.USER_NOT_FOUND);
    }
    String secret = credentials.getSecret() == null ? "" : credentials.getSecret();
    String key = fingerprint(name, secret);
    Instant now = clock.instant();
    Instant until = verified.get(key);
    if (until == null || !until.isAfter(now)) {
      if (!account.hash().matches(secret.toCharArray())) {
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
      }
      remember(key, now);
    }
    return AuthenticationResponse.success(name, account.roles());
  }

  private void remember(String key, Instant now) {
    if (verified.size() >= MAX_REMEMBERED) {
      verified.values().removeIf(until -> !until.isAfter(now));
      if (verified.size() >= MAX_REMEMBERED) {
        verified.clear();
      }
    }
    verified.put(key, now.plus(REMEMBERED));
  }

  private static String fingerprint(String name, String secret) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(name.getBytes(StandardCharsets.UTF_8));
      sha256.update((byte) 0);
      return HexFormat.of().formatHex(sha256.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** A configured user, checked once at start-up so a bad entry stops the server with its name. */
  private record Account(String name, PasswordHash hash, Set<String> roles) {

    static Account of(UserAccount user) {
      try {
        if (user.getRoles().isEmpty()) {
          throw new IllegalArgumentException("no roles given");
        }
        return new Account(user.getName(), PasswordHash.parse(user.getPasswordHash()), Roles.expand(user.getRoles()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("user '" + user.getName() + "' in hotwatch.security.users: "
            + e.getMessage(), e);
      }
    }
  }
}
