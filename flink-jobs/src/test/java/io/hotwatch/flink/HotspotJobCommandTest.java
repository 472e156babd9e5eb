package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code hotwatch job} refuses bad settings with one line on stderr and a non-zero exit, before any job starts. */
class HotspotJobCommandTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new HotspotJob());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void aClosingThresholdAboveTheOpeningOneIsRefused() {
    assertThat(run("--open-recurrence-days", "1", "--close-recurrence-days", "3")).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("hotwatch job: recurrence thresholds open 1.0 / close 3.0 need 0 < close <= open"
            + System.lineSeparator());
  }

  @Test
  void aResolutionOtherThanTheBaselinesIsRefused() {
    assertThat(run("--model-dir", TestData.bundledModel().toString(), "--resolution", "9")).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().satisfies(line ->
        assertThat(line).startsWith("hotwatch job: H3 resolution 9 does not match the baseline's resolution 8"));
  }

  @Test
  void aMissingModelDirectoryIsNamed() {
    Path missing = Path.of("no-such-model");
    assertThat(run("--model-dir", missing.toString())).isEqualTo(1);
    assertThat(err.toString().lines()).singleElement().satisfies(line ->
        assertThat(line).startsWith("hotwatch job: ").contains("no-such-model"));
  }

  @Test
  void durationsAreReadAsFlinkWritesThem() {
    HotspotJob job = new HotspotJob();
    new CommandLine(job).parseArgs("--allowed-lateness", "30min", "--version-horizon", "9 d", "--batch-delay", "20ms");
    HotspotJobConfig config = job.config();
    assertThat(config.allowedLateness()).hasMinutes(30);
    assertThat(config.engine().allowedLateness()).hasMinutes(30);
    assertThat(config.versionHorizon()).hasDays(9);
    assertThat(config.batchDelay()).hasMillis(20);
    assertThat(config.resolution()).isEqualTo(8);
    assertThat(config.incidentsTopic()).isEqualTo("incidents");
  }

  @Test
  void anUnreadableDurationIsAUsageError() {
    assertThat(run("--allowed-lateness", "an hour")).isEqualTo(2);
    assertThat(err.toString()).contains("--allowed-lateness");
  }
}
