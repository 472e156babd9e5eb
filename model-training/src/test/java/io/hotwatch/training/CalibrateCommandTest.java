package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.hotspot.EngineSettings;
import io.hotwatch.core.model.BaselineRates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

/** calibrate on the bundled model's real baseline: one simulated day, then the artifact the engine loads. */
class CalibrateCommandTest {

  @Test
  void writesACalibrationTheEngineAcceptsAndTheSameSeedWritesTheSameFile(@TempDir Path dir) throws Exception {
    Files.copy(RealData.bundledModel().resolve("baseline.json"), dir.resolve("baseline.json"));

    CommandRun run = CommandRun.of(new CalibrateCommand(), "--model", dir.toString(), "--days", "1", "--seed", "4");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).contains("\"replicates\" : 288");
    Calibration calibration = Calibration.load(dir.resolve(CalibrateCommand.FILE));
    assertThat(calibration.replicates()).isEqualTo(288);
    BaselineRates baseline = BaselineRates.load(dir.resolve("baseline.json"));
    calibration.requireFits(EngineSettings.defaults(), baseline.resolution());
    assertThat(calibration.cells()).hasSize(baseline.cellCount());
    // the scan finds chance clusters in the real city at most steps, so the null maxima are not degenerate
    double[] maxima = calibration.nullMaxima();
    assertThat(maxima[maxima.length / 2]).isGreaterThan(1);
    String first = Files.readString(dir.resolve(CalibrateCommand.FILE));

    CalibrateCommand again = new CalibrateCommand();
    assertThat(CommandRun.of(again, "--model", dir.toString(), "--days", "1", "--seed", "4").exitCode())
        .isEqualTo(ExitCode.OK);
    assertThat(Files.readString(dir.resolve(CalibrateCommand.FILE))).isEqualTo(first);
  }

  @Test
  void aMissingBaselineOrImpossibleDaysIsAOneLineUsageError(@TempDir Path dir) {
    CommandRun noBaseline = CommandRun.of(new CalibrateCommand(), "--model", dir.toString());
    assertThat(noBaseline.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noBaseline.err())
        .isEqualTo("calibrate: model directory " + dir + " has no baseline.json" + System.lineSeparator());
    assertThat(noBaseline.out()).isEmpty();

    CommandRun noDays = CommandRun.of(new CalibrateCommand(), "--model", dir.toString(), "--days", "0");
    assertThat(noDays.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noDays.err()).isEqualTo("calibrate: --days 0 is below 1" + System.lineSeparator());
  }
}
