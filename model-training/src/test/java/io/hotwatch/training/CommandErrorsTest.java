package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

/** Bad input to train and evaluate: one line on stderr naming the problem, a non-zero exit, nothing on stdout. */
class CommandErrorsTest {

  @Test
  void trainNamesAMissingInputFile(@TempDir Path dir) {
    Path missing = dir.resolve("missing.csv.gz");

    CommandRun run = CommandRun.of(new TrainCommand(), "--input", missing.toString(), "--output", dir.resolve("m").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("train: input file " + missing + " does not exist" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void trainRefusesAFileOfNoKnownFormat(@TempDir Path dir) throws Exception {
    Path posts = dir.resolve("posts.csv");
    Files.writeString(posts, "id,text\n1,hello\n");

    CommandRun run = CommandRun.of(new TrainCommand(), "--input", posts.toString(), "--output", dir.resolve("m").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
    assertThat(run.err()).startsWith("train: " + posts + " is not a supported incident file").hasLineCount(1);
  }

  @Test
  void trainRefusesImpossibleSettingsAndDates(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "id\n");

    CommandRun noEpochs =
        CommandRun.of(new TrainCommand(), "--input", input.toString(), "--output", dir.toString(), "--epochs", "0");
    assertThat(noEpochs.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noEpochs.err()).isEqualTo("train: epochs 0 is below 1" + System.lineSeparator());

    CommandRun badDate =
        CommandRun.of(new TrainCommand(), "--input", input.toString(), "--output", dir.toString(), "--from", "2016-13-01");
    assertThat(badDate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badDate.err()).contains("'2016-13-01' is neither a date (2017-01-01) nor an instant");

    CommandRun backwards =
        CommandRun.of(
            new EvaluateCommand(), "--model", dir.toString(), "--input", input.toString(), "--from", "2016-02-01", "--to",
            "2016-01-01");
    assertThat(backwards.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(backwards.err())
        .isEqualTo(
            "evaluate: --to 2016-01-01T06:00:00Z is not after --from 2016-02-01T06:00:00Z" + System.lineSeparator());
  }

  @Test
  void evaluateRefusesAModelOfAnotherFeatureSchema(@TempDir Path dir) throws Exception {
    Path bundled = RealData.bundledModel();
    Path model = Files.createDirectories(dir.resolve("model"));
    for (String file : new String[] {"model.zip", "metadata.json", "baseline.json"}) {
      Files.copy(bundled.resolve(file), model.resolve(file));
    }
    Path metadata = model.resolve("metadata.json");
    Files.writeString(metadata, Files.readString(metadata).replaceFirst("\"featureSchemaVersion\" : \\d+", "\"featureSchemaVersion\" : 1"));
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "id\n");

    CommandRun run = CommandRun.of(new EvaluateCommand(), "--model", model.toString(), "--input", input.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.SOFTWARE);
    assertThat(run.err())
        .isEqualTo(
            "evaluate: model at " + model + " has feature schema version 1, this build reads 2: retrain it with"
                + " `hotwatch train`" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void evaluateNamesAMissingModel(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("in.csv");
    Files.writeString(input, "id\n");
    Path missing = dir.resolve("no-model");

    CommandRun run = CommandRun.of(new EvaluateCommand(), "--model", missing.toString(), "--input", input.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).isEqualTo("evaluate: model directory " + missing + " does not exist" + System.lineSeparator());
  }
}
