package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train-relevance and evaluate-relevance as the launcher runs them: listed; bad arguments one line, exit code 2. */
class RelevanceCliTest {

  @Test
  void bothAreSubcommandsWithTheirOptionsInTheHelp() {
    CliRun train = CliRun.of("train-relevance", "--help");
    CliRun evaluate = CliRun.of("evaluate-relevance", "--help");

    assertThat(train.exitCode()).isZero();
    assertThat(train.out())
        .contains("--input=DIR", "--held-out=EVENTS", "--validation=EVENTS", "--output=DIR", "--seed");
    assertThat(evaluate.exitCode()).isZero();
    assertThat(evaluate.out()).contains("--model=DIR", "--input=DIR", "--events=EVENTS", "--police-alerts=FILE");
  }

  @Test
  void badArgumentsAreOneLineWithExitCodeTwo(@TempDir Path dir) {
    String missing = dir.resolve("missing").toString();
    CliRun.assertOneLineUsageError(
        "hotwatch train-relevance: input " + missing + " is not a folder", "train-relevance", "--input", missing,
        "--output", dir.toString());
    CliRun.assertOneLineUsageError(
        "hotwatch evaluate-relevance: Missing required option: '--input=DIR'",
        "evaluate-relevance", "--model", missing);
  }
}
