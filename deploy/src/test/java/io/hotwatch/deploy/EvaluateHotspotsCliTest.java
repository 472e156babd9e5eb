package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** evaluate-hotspots as the launcher runs it: listed, and every bad argument one line on stderr with exit code 2. */
class EvaluateHotspotsCliTest {

  @Test
  void isASubcommandWithItsOptionsInTheHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = HotwatchCli.commandLine().setOut(new PrintWriter(out, true));

    assertThat(cli.execute("evaluate-hotspots", "--help")).isZero();
    assertThat(out.toString()).contains("--train-until=DATE", "--png=FILE", "--input=FILE");
  }

  @Test
  void badArgumentsAreOneLineWithExitCodeTwo(@TempDir Path dir) {
    String missing = dir.resolve("missing.csv").toString();
    assertOneLineUsageError("hotwatch evaluate-hotspots: input file " + missing + " does not exist",
        "evaluate-hotspots", "--input", missing, "--train-until", "2016-12-31");
    assertOneLineUsageError("hotwatch evaluate-hotspots: Invalid value for option '--train-until'",
        "evaluate-hotspots", "--input", missing, "--train-until", "last year");
    assertOneLineUsageError("hotwatch evaluate-hotspots: Missing required option: '--train-until=DATE'",
        "evaluate-hotspots", "--input", missing);
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
