package io.hotwatch.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {

  private static final int ITERATIONS = 10_000;

  @Test
  void theStoredFormReadsBackAndMatchesOnlyItsPassword() {
    String stored = PasswordHash.of("correct horse".toCharArray(), ITERATIONS).toString();

    PasswordHash read = PasswordHash.parse(stored);

    assertThat(read.matches("correct horse".toCharArray())).isTrue();
    assertThat(read.matches("correct horsf".toCharArray())).isFalse();
    assertThat(read).hasToString(stored);
  }

  @Test
  void theStoredFormHasNoDollarSignForShellsAndComposeFilesToSubstitute() {
    String stored = PasswordHash.of("pw".toCharArray(), ITERATIONS).toString();

    assertThat(stored).startsWith("pbkdf2-sha256:10000:").doesNotContain("$");
  }

  @Test
  void aDollarSeparatedHashIsStillRead() {
    String colons = PasswordHash.of("pw".toCharArray(), ITERATIONS).toString();

    PasswordHash read = PasswordHash.parse(colons.replace(':', '$'));

    assertThat(read.matches("pw".toCharArray())).isTrue();
  }

  @Test
  void whatIsWrongIsSaidWithoutEchoingTheHash() {
    String stored = PasswordHash.of("pw".toCharArray(), ITERATIONS).toString();
    String[] parts = stored.split(":");

    assertThatThrownBy(() -> PasswordHash.parse("bcrypt:" + parts[1] + ":" + parts[2] + ":" + parts[3]))
        .hasMessage("a password hash must read pbkdf2-sha256:ITERATIONS:SALT:HASH");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:1000:" + parts[2] + ":" + parts[3]))
        .hasMessage("a password hash needs at least 10000 iterations, not 1000");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:many:" + parts[2] + ":" + parts[3]))
        .hasMessage("a password hash's iteration count must be a number");
    assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256:10000:" + parts[2] + ":not*base64"))
        .hasMessage("a password hash's salt and hash must be base64");
  }
}
