package io.hotwatch.core.source;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Pseudonymises social-media authors: a salted SHA-256 of the lower-cased handle, so posts by one author can be
 * grouped without keeping who the author is.
 *
 * <p>The salt comes from the environment variable {@value #ENV} (or the system property {@value #PROPERTY}); without
 * either, {@link #DEFAULT_SALT} is used. The default is public, so hashes made with it can be reversed by hashing
 * candidate handles: set a secret salt wherever real posts are stored.
 */
public final class AuthorHash {

  public static final String ENV = "HOTWATCH_AUTHOR_SALT";
  public static final String PROPERTY = "hotwatch.author.salt";
  public static final String DEFAULT_SALT = "hotwatch-public-default-salt";

  private final byte[] salt;

  public AuthorHash(String salt) {
    if (salt == null || salt.isEmpty()) {
      throw new IllegalArgumentException("author salt must not be empty");
    }
    this.salt = salt.getBytes(StandardCharsets.UTF_8);
  }

  /** The salt from {@value #ENV}, else {@value #PROPERTY}, else {@link #DEFAULT_SALT}. */
  public static AuthorHash fromEnvironment() {
    String salt = System.getenv(ENV);
    if (salt == null || salt.isEmpty()) {
      salt = System.getProperty(PROPERTY, DEFAULT_SALT);
    }
    return new AuthorHash(salt);
  }

  /** Hex SHA-256 of salt, a NUL separator and the handle (case-folded, leading '@' dropped); null for no handle. */
  public String of(String handle) {
    if (handle == null || handle.isBlank()) {
      return null;
    }
    String normalised = handle.strip().toLowerCase(Locale.ROOT);
    if (normalised.startsWith("@")) {
      normalised = normalised.substring(1);
    }
    MessageDigest sha256 = newSha256();
    sha256.update(salt);
    sha256.update((byte) 0);
    return HexFormat.of().formatHex(sha256.digest(normalised.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
