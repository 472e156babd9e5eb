package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** compare-models as the launcher runs it: listed, and every bad argument one line on stderr with exit code 2. */
class CompareModelsCliTest {

  @Test
  void isASubcommandWithItsOptionsInTheHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = HotwatchCli.commandLine().setOut(new PrintWriter(out, true));

    assertThat(cli.execute("compare-models", "--help")).isZero();
    assertThat(out.toString()).contains("--train=FILE", "--test=FILE", "--output=FILE", "--knn-train-rows=ROWS");
  }

  @Test
  void badArgumentsAreOneLineWithExitCodeTwo(@TempDir Path dir) {
    String missing = dir.resolve("missing.csv").toString();
    assertOneLineUsageError("hotwatch compare-models: input file " + missing + " does not exist",
        "compare-models", "--train", missing, "--test", missing);
    assertOneLineUsageError("hotwatch compare-models: Invalid value for option '--trees'",
        "compare-models", "--train", missing, "--test", missing, "--trees", "many");
    assertOneLineUsageError("hotwatch compare-models: Missing required option: '--test=FILE'",
        "compare-models", "--train", missing);
  }

  private static void assertOneLineUsageError(String start, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        HotwatchCli.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).startsWith(start).hasLineCount(1);
    assertThat(out.toString()).isEmpty();
  }
}
