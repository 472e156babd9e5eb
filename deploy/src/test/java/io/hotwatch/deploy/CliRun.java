package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One run of the {@code hotwatch} command line in-process, as a user would start it, with what it printed.
 *
 * @param exitCode the process exit code the launcher would return
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HotwatchCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new CliRun(cli.execute(args), out.toString(), err.toString());
  }

  /** The arguments are refused as a usage error: exit code 2, one line on stderr starting with {@code start}. */
  static void assertOneLineUsageError(String start, String... args) {
    CliRun run = of(args);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith(start).hasLineCount(1);
    assertThat(run.out()).isEmpty();
  }
}
