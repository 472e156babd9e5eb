package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluate-hotspots as the launcher runs it: listed, and every bad argument one line on stderr with exit code 2. */
class EvaluateHotspotsCliTest {

  @Test
  void isASubcommandWithItsOptionsInTheHelp() {
    CliRun run = CliRun.of("evaluate-hotspots", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--train-until=DATE", "--png=FILE", "--input=FILE");
  }

  @Test
  void badArgumentsAreOneLineWithExitCodeTwo(@TempDir Path dir) {
    String missing = dir.resolve("missing.csv").toString();
    CliRun.assertOneLineUsageError("hotwatch evaluate-hotspots: input file " + missing + " does not exist",
        "evaluate-hotspots", "--input", missing, "--train-until", "2016-12-31");
    CliRun.assertOneLineUsageError("hotwatch evaluate-hotspots: Invalid value for option '--train-until'",
        "evaluate-hotspots", "--input", missing, "--train-until", "last year");
    CliRun.assertOneLineUsageError("hotwatch evaluate-hotspots: Missing required option: '--train-until=DATE'",
        "evaluate-hotspots", "--input", missing);
  }
}
