package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** calibrate as the launcher runs it: listed with its options, and a bad argument one line with exit code 2. */
class CalibrateCliTest {

  @Test
  void isASubcommandWithItsOptionsInTheHelp() {
    StringWriter out = new StringWriter();
    assertThat(HotwatchCli.commandLine().setOut(new PrintWriter(out, true)).execute("calibrate", "--help")).isZero();
    assertThat(out.toString()).contains("--model=DIR", "--days=N", "--seed=S", "--measure=FILE");
  }

  @Test
  void aModelWithoutBaselineIsOneLineWithExitCodeTwo(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        HotwatchCli.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute("calibrate", "--model", dir.toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo("hotwatch calibrate: model directory " + dir + " has no baseline.json" + System.lineSeparator());
    assertThat(out.toString()).isEmpty();
  }
}
