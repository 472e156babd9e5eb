package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare-models as the launcher runs it: listed, and every bad argument one line on stderr with exit code 2. */
class CompareModelsCliTest {

  @Test
  void isASubcommandWithItsOptionsInTheHelp() {
    CliRun run = CliRun.of("compare-models", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("--train=FILE", "--test=FILE", "--output=FILE", "--knn-train-rows=ROWS");
  }

  @Test
  void badArgumentsAreOneLineWithExitCodeTwo(@TempDir Path dir) {
    String missing = dir.resolve("missing.csv").toString();
    CliRun.assertOneLineUsageError("hotwatch compare-models: input file " + missing + " does not exist",
        "compare-models", "--train", missing, "--test", missing);
    CliRun.assertOneLineUsageError("hotwatch compare-models: Invalid value for option '--trees'",
        "compare-models", "--train", missing, "--test", missing, "--trees", "many");
    CliRun.assertOneLineUsageError("hotwatch compare-models: Missing required option: '--test=FILE'",
        "compare-models", "--train", missing);
  }
}
