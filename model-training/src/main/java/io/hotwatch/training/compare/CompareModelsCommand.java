package io.hotwatch.training.compare;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.training.IncidentCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compare-models}: the category network beside KNN, naive Bayes, random forest, logistic regression and SVM. */
@Command(
    name = "compare-models",
    description =
        "Trains the category network (as train does), KNN, naive Bayes, random forest, logistic regression and a linear"
            + " SVM on the training files with the network's features, scores them and the class prior on the test"
            + " file, prints JSON and writes the table into a Markdown file's generated section.")
public final class CompareModelsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--train", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Incident files to train on (Chicago crimes CSV, plain or gzipped).")
  List<Path> trainFiles;

  @Option(names = "--test", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Incident files to score on.")
  List<Path> testFiles;

  @Option(names = "--output", paramLabel = "FILE",
      description = "Markdown file whose generated section receives the table (e.g. docs/MODELS.md); default: none.")
  Path output;

  @Option(names = "--model", paramLabel = "DIR",
      description = "Score this category network artifact as it is instead of retraining the network on the training"
          + " files (its training time is then not measured); default: retrain.")
  Path model;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
      description = "Seed of every sample and randomised trainer (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--knn-neighbours", defaultValue = "50", paramLabel = "K",
      description = "Neighbours KNN votes with (default: ${DEFAULT-VALUE}).")
  int knnNeighbours;

  @Option(names = "--knn-train-rows", defaultValue = "20000", paramLabel = "ROWS",
      description = "Training rows KNN indexes, a uniform random sample (default: ${DEFAULT-VALUE}).")
  int knnTrainRows;

  @Option(names = "--knn-test-rows", defaultValue = "20000", paramLabel = "ROWS",
      description = "Test rows KNN scores, a uniform random sample (default: ${DEFAULT-VALUE}).")
  int knnTestRows;

  @Option(names = "--forest-train-rows", defaultValue = "50000", paramLabel = "ROWS",
      description = "Training rows of the random forest, a uniform random sample (default: ${DEFAULT-VALUE}).")
  int forestTrainRows;

  @Option(names = "--svm-train-rows", defaultValue = "100000", paramLabel = "ROWS",
      description = "Training rows of the linear SVM, a uniform random sample (default: ${DEFAULT-VALUE}).")
  int svmTrainRows;

  @Option(names = "--trees", defaultValue = "30", paramLabel = "N",
      description = "Trees of the random forest (default: ${DEFAULT-VALUE}).")
  int trees;

  @Option(names = "--max-depth", defaultValue = "12", paramLabel = "N",
      description = "Depth limit of each tree (default: ${DEFAULT-VALUE}).")
  int maxDepth;

  /** What is printed and written. */
  public record ComparisonReport(
      String command, String machine, String generatedAt, List<String> trainInputs, String trainFrom, String trainTo,
      List<String> testInputs, String testFrom, String testTo, long trainingRows, long fitRows, long calibrationRows,
      long testRows, long droppedTrainingRows, long droppedTestRows, long seed, double svmTemperature,
      List<MethodResult> methods) {}

  @Override
  public Integer call() {
    List<Path> files = new ArrayList<>(trainFiles);
    files.addAll(testFiles);
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        return fail(ExitCode.USAGE, "input file " + file + " does not exist");
      }
    }
    if (model != null && !Files.isDirectory(model)) {
      return fail(ExitCode.USAGE, "model directory " + model + " does not exist");
    }
    if (output != null && Files.isDirectory(output)) {
      return fail(ExitCode.USAGE, "output " + output + " is a directory, not a Markdown file");
    }
    ComparisonSettings settings;
    try {
      settings = new ComparisonSettings(seed, knnNeighbours, knnTrainRows, knnTestRows, forestTrainRows, trees,
          maxDepth, svmTrainRows, 0.1);
    } catch (IllegalArgumentException e) {
      return fail(ExitCode.USAGE, e.getMessage());
    }
    try {
      IncidentCorpus training = IncidentCorpus.read(trainFiles, null, null);
      IncidentCorpus test = IncidentCorpus.read(testFiles, null, null);
      if (!test.from().isAfter(training.incidents().get(training.size() - 1).occurredAt())) {
        return fail(ExitCode.USAGE, "test incidents start at " + test.from() + ", not after the last training incident "
            + training.incidents().get(training.size() - 1).occurredAt());
      }
      ComparedNetwork network =
          model != null ? ComparedNetwork.given(model, model.toString()) : ComparedNetwork.retrain(training, seed);
      ModelComparison.Comparison c = new ModelComparison(network, settings).run(training, test);
      ComparisonReport report =
          new ComparisonReport(
              commandLine(), machine(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), training.inputs(),
              training.from().toString(), training.to().toString(), test.inputs(), test.from().toString(),
              test.to().toString(), c.trainingRows(), c.fitRows(), c.calibrationRows(), c.testRows(),
              c.droppedTrainingRows(), c.droppedTestRows(), seed, c.svmTemperature(), c.methods());
      if (output != null) {
        ModelsDocument.write(output, ModelsDocument.section(report));
      }
      spec.commandLine()
          .getOut()
          .println(EventCodec.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      return ExitCode.OK;
    } catch (Exception e) {
      // an exception without a message is a bug: its class name says more than "null"
      return fail(ExitCode.SOFTWARE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private String commandLine() {
    StringBuilder s = new StringBuilder("./hotwatch compare-models --train");
    trainFiles.forEach(f -> s.append(' ').append(f.getFileName()));
    s.append(" --test");
    testFiles.forEach(f -> s.append(' ').append(f.getFileName()));
    if (output != null) {
      s.append(" --output ").append(output);
    }
    if (model != null) {
      s.append(" --model ").append(model);
    }
    s.append(String.format(Locale.ROOT, " --seed %d --knn-neighbours %d --knn-train-rows %d --knn-test-rows %d"
        + " --forest-train-rows %d --trees %d --max-depth %d --svm-train-rows %d", seed, knnNeighbours, knnTrainRows,
        knnTestRows, forestTrainRows, trees, maxDepth, svmTrainRows));
    return s.toString();
  }

  private static String machine() {
    Runtime runtime = Runtime.getRuntime();
    return String.format(Locale.ROOT, "%s %s, %d cores, Java %s, max heap %d MB", System.getProperty("os.name"),
        System.getProperty("os.arch"), runtime.availableProcessors(), System.getProperty("java.version"),
        runtime.maxMemory() >> 20);
  }

  /** One line on stderr, prefixed with the command's name as typed ("hotwatch compare-models" under the launcher). */
  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CompareModelsCommand()).execute(args));
  }
}
