package io.hotwatch.training;

import io.hotwatch.core.geo.CellIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: fits the incident-category network and the baseline rates and writes a model artifact. */
@Command(
    name = "train",
    description =
        "Trains the incident-category model and fits the baseline rates per H3 cell and hour of week; writes model.zip,"
            + " metadata.json and baseline.json into the output directory.")
public final class TrainCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Incident files (Chicago crimes or NYPD shootings CSV, plain or gzipped).")
  List<Path> inputs;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory to write the model artifact to.")
  Path output;

  @Option(names = "--resolution", paramLabel = "RES", defaultValue = "" + CellIndex.DEFAULT_RESOLUTION,
      description = "H3 resolution of the baseline rates (default: ${DEFAULT-VALUE}).")
  int resolution;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + TrainingSettings.DEFAULT_EPOCHS,
      description = "Passes over the training rows; the one with the best validation log loss is kept (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + TrainingSettings.DEFAULT_SEED,
      description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--hidden", paramLabel = "UNITS", split = ",", defaultValue = TrainingSettings.DEFAULT_HIDDEN_LAYERS,
      description = "Units of each hidden layer (default: ${DEFAULT-VALUE}).")
  List<Integer> hidden;

  @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "" + TrainingSettings.DEFAULT_LEARNING_RATE,
      description = "Adam step size (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "" + TrainingSettings.DEFAULT_BATCH_SIZE,
      description = "Rows per gradient step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--from", paramLabel = "TIME", converter = ChicagoTime.class,
      description = "Use incidents from this date (Chicago midnight) or ISO instant on; default: all.")
  Instant from;

  @Option(names = "--to", paramLabel = "TIME", converter = ChicagoTime.class,
      description = "Use incidents before this date (Chicago midnight) or ISO instant; default: all.")
  Instant to;

  @Override
  public Integer call() {
    if (from != null && to != null && !to.isAfter(from)) {
      return fail(ExitCode.USAGE, "--to " + to + " is not after --from " + from);
    }
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        return fail(ExitCode.USAGE, "input file " + input + " does not exist");
      }
    }
    if (Files.exists(output) && !Files.isDirectory(output)) {
      return fail(ExitCode.USAGE, "output " + output + " exists and is not a directory");
    }
    TrainingSettings settings;
    try {
      TrainingSettings defaults = TrainingSettings.defaults();
      settings =
          new TrainingSettings(
              epochs, seed, batchSize, hidden, learningRate, defaults.l2(), defaults.validationShare(),
              defaults.maxLocationTypes(), resolution);
    } catch (IllegalArgumentException e) {
      return fail(ExitCode.USAGE, e.getMessage());
    }
    try {
      IncidentCorpus corpus = IncidentCorpus.read(inputs, from, to);
      CategoryTrainer.TrainingReport report = new CategoryTrainer(settings).train(corpus, output);
      spec.commandLine().getOut().println(summary(report));
      return ExitCode.OK;
    } catch (Exception e) {
      // an exception without a message is a bug: its class name says more than "null"
      return fail(ExitCode.SOFTWARE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private static String summary(CategoryTrainer.TrainingReport report) {
    var m = report.metadata().metrics();
    return String.format(
        Locale.ROOT,
        "model written to %s: %d training rows, %d validation rows, validation log loss %.4f (prior %.4f), top-1 %.3f, "
            + "top-3 %.3f; %d baseline cells; %d s",
        report.artifact(), report.metadata().trainingRows(), report.metadata().validationRows(),
        m.getOrDefault("validationLogLoss", Double.NaN), m.getOrDefault("validationPriorLogLoss", Double.NaN),
        m.getOrDefault("validationTop1Accuracy", Double.NaN), m.getOrDefault("validationTop3Accuracy", Double.NaN),
        report.baselineCells(), report.elapsed().toSeconds());
  }

  /** One line on stderr, prefixed with the command's name as typed ("hotwatch train" under the launcher). */
  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainCommand()).execute(args));
  }
}
