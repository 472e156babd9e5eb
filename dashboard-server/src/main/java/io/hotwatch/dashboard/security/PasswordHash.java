package io.hotwatch.dashboard.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted PBKDF2-HMAC-SHA256 password hashes as kept in the configuration, written
 * {@code pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash in unpadded base64), so no password is ever stored. The
 * separator is a colon rather than the {@code $} of the PHC string format because a hash travels through shells,
 * {@code .env} files and compose files, which all substitute {@code $}; a {@code $}-separated hash is still read.
 */
public final class PasswordHash {

  private static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int iterations;
  private final byte[] salt;
  private final byte[] hash;

  private PasswordHash(int iterations, byte[] salt, byte[] hash) {
    this.iterations = iterations;
    this.salt = salt;
    this.hash = hash;
  }

  /** A new hash of {@code password} with a random salt. */
  public static PasswordHash of(char[] password, int iterations) {
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    return new PasswordHash(iterations, salt, derive(password, salt, iterations));
  }

  /**
   * Reads the stored form.
   *
   * @throws IllegalArgumentException saying what is wrong with it (never echoing it)
   */
  public static PasswordHash parse(String stored) {
    String[] parts = stored.trim().split("[:$]");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("a password hash must read " + SCHEME + ":ITERATIONS:SALT:HASH");
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("a password hash's iteration count must be a number");
    }
    if (iterations < 10_000) {
      throw new IllegalArgumentException("a password hash needs at least 10000 iterations, not " + iterations);
    }
    Base64.Decoder base64 = Base64.getDecoder();
    try {
      return new PasswordHash(iterations, base64.decode(parts[2]), base64.decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("a password hash's salt and hash must be base64");
    }
  }

  /** Whether {@code password} is the one hashed, compared in constant time. */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  @Override
  public String toString() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return SCHEME + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
    } finally {
      spec.clearPassword();
    }
  }
}
