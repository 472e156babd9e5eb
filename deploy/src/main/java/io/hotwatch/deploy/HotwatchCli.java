package io.hotwatch.deploy;

import io.hotwatch.deploy.ingest.IngestCommand;
import io.hotwatch.deploy.replay.ReplayServiceCommand;
import io.hotwatch.flink.HotspotJob;
import io.hotwatch.training.CalibrateCommand;
import io.hotwatch.training.EvaluateCommand;
import io.hotwatch.training.EvaluateHotspotsCommand;
import io.hotwatch.training.TrainCommand;
import io.hotwatch.training.compare.CompareModelsCommand;
import io.hotwatch.training.relevance.EvaluateRelevanceCommand;
import io.hotwatch.training.relevance.TrainRelevanceCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code ./hotwatch} command line: one top command whose subcommands run each part of the system. */
@Command(
    name = "hotwatch",
    mixinStandardHelpOptions = true,
    versionProvider = HotwatchCli.BuildVersion.class,
    description = "Streaming crime-hotspot monitor: replay data sets into Kafka, train and evaluate the model.",
    // Every subcommand is listed here, one class each: replay, replay-service, ingest, demo, detect, hash-password
    // (this module),
    // train, calibrate, evaluate and evaluate-hotspots (model-training), job (flink-jobs).
    subcommands = {
      ReplayCommand.class,
      ReplayServiceCommand.class,
      IngestCommand.class,
      DemoCommand.class,
      HotspotJob.class,
      DetectCommand.class,
      TrainCommand.class,
      CalibrateCommand.class,
      EvaluateCommand.class,
      EvaluateHotspotsCommand.class,
      CompareModelsCommand.class,
      TrainRelevanceCommand.class,
      EvaluateRelevanceCommand.class,
      HashPasswordCommand.class,
      HelpCommand.class
    })
public final class HotwatchCli implements Runnable {

  /** Exit code of a failed command (bad input, unreachable broker, ...); usage errors exit with 2. */
  public static final int FAILED = 1;

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs one command line and returns its exit code, without exiting (for tests and embedding). */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /** The configured command line: errors become one line on stderr ({@code HOTWATCH_DEBUG=1} adds the stack trace). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new HotwatchCli());
    IParameterExceptionHandler usageError =
        (e, args) -> {
          CommandLine commandLine = e.getCommandLine();
          String name = commandLine.getCommandSpec().qualifiedName();
          commandLine.getErr().println(name + ": " + oneLine(e) + " (see '" + name + " --help')");
          commandLine.getErr().flush();
          return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        };
    cli.setParameterExceptionHandler(usageError);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ParameterException usage) {
            // A command found an option value wrong only once it looked closer: still a usage error.
            return usageError.handleParseException(usage, parseResult.originalArgs().toArray(String[]::new));
          }
          commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": " + oneLine(e));
          if (System.getenv("HOTWATCH_DEBUG") != null) {
            e.printStackTrace(commandLine.getErr());
          }
          commandLine.getErr().flush();
          return FAILED;
        });
    return cli;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }

  /** The message of an error and its causes, on one line, without wrappers that only repeat their cause. */
  static String oneLine(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      boolean wrapper = t.getCause() != null && t.getCause().toString().equals(message);
      if (message != null && !message.isBlank() && !wrapper && text.indexOf(message) < 0) {
        text.append(text.length() == 0 ? "" : ": ").append(message);
      }
    }
    return text.length() == 0 ? e.getClass().getSimpleName() : text.toString().replaceAll("\\s*\\R\\s*", " ");
  }

  /** Version and the versions of Flink and Kafka it was built against, from the filtered build properties. */
  static final class BuildVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties build = buildProperties();
      return new String[] {
        "hotwatch " + build.getProperty("version"),
        "Flink " + build.getProperty("flink.version") + ", Kafka " + build.getProperty("kafka.version")
            + ", Java " + Runtime.version()
      };
    }
  }

  static Properties buildProperties() {
    Properties properties = new Properties();
    try (InputStream in = HotwatchCli.class.getResourceAsStream("/hotwatch-build.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
