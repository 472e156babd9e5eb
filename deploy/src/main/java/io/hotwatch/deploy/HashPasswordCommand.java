package io.hotwatch.deploy;

import io.hotwatch.dashboard.security.PasswordHash;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code hotwatch hash-password}: the stored form of a dashboard password, for the server's configuration. */
@Command(
    name = "hash-password",
    mixinStandardHelpOptions = true,
    description = {
      "Reads a password (typed without echo, or the first line of standard input) and prints its salted hash for",
      "hotwatch.security.users.NAME.password-hash (e.g. HOTWATCH_SECURITY_USERS_ALICE_PASSWORD_HASH)."
    })
public final class HashPasswordCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--iterations",
      description = "PBKDF2 rounds (default: ${DEFAULT-VALUE}); more is slower to check and to guess.",
      defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS)
  int iterations;

  private final InputStream in;

  public HashPasswordCommand() {
    this(System.in);
  }

  HashPasswordCommand(InputStream in) {
    this.in = in;
  }

  @Override
  public Integer call() throws IOException {
    if (iterations < 10_000) {
      throw new IllegalArgumentException("--iterations must be at least 10000, not " + iterations);
    }
    char[] password = read();
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("no password given: type one, or pipe it on standard input");
    }
    spec.commandLine().getOut().println(PasswordHash.of(password, iterations));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private char[] read() throws IOException {
    Console console = System.console();
    if (console != null && in == System.in) {
      return console.readPassword("password: ");
    }
    String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    return line == null ? null : line.toCharArray();
  }
}
