package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.dashboard.security.PasswordHash;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code hotwatch hash-password} with the password piped on standard input, as a script would run it. */
class HashPasswordCommandTest {

  @Test
  void printsAHashThatTheServerAcceptsForThatPasswordOnly() {
    CliRun run = withInput("correct horse battery staple\n", "hash-password", "--iterations", "20000");
    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    String stored = run.out().strip();
    assertThat(stored).startsWith("pbkdf2-sha256:20000:").hasLineCount(1);
    PasswordHash hash = PasswordHash.parse(stored);
    assertThat(hash.matches("correct horse battery staple".toCharArray())).isTrue();
    assertThat(hash.matches("correct horse battery stapler".toCharArray())).isFalse();
    // a fresh salt each time: the same password never gives the same line
    String again = withInput("correct horse battery staple\n", "hash-password", "--iterations", "20000").out();
    assertThat(again.strip()).isNotEqualTo(stored);
  }

  @Test
  void anEmptyPasswordOrTooFewRoundsIsAOneLineError() {
    CliRun empty = withInput("", "hash-password");
    assertThat(empty.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(empty.err()).hasLineCount(1).contains("no password given");
    CliRun weak = withInput("secret\n", "hash-password", "--iterations", "1000");
    assertThat(weak.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(weak.err()).hasLineCount(1).contains("at least 10000");
  }

  private static CliRun withInput(String input, String... args) {
    InputStream stdin = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(stdin);
    }
  }
}
