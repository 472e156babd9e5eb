package io.hotwatch.training.relevance;

import io.hotwatch.core.social.PostFeaturizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train-relevance}: trains the social-post relevance model on CrisisLexT26 and writes its artifact. */
@Command(
    name = "train-relevance",
    description =
        "Trains the social-post relevance model (crisis-related or not) on CrisisLexT26's labelled tweets, by whole"
            + " events: held-out events are never read, validation events stop training and choose the threshold;"
            + " writes relevance-network.zip and relevance.json into the output directory.")
public final class TrainRelevanceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--input", required = true, paramLabel = "DIR",
      description = "The CrisisLexT26 folder (one sub-folder per event with <event>-tweets_labeled.csv).")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "Directory to write the model to.")
  Path output;

  @Option(names = "--held-out", paramLabel = "EVENTS", split = ",",
      description = "Events kept for evaluation only (default: 2013_LA_airport_shootings, 2013_Boston_bombings,"
          + " 2013_West_Texas_explosion, 2013_Queensland_floods, 2012_Costa_Rica_earthquake, 2013_Typhoon_Yolanda).")
  List<String> heldOut = EventSplit.DEFAULT_HELD_OUT;

  @Option(names = "--validation", paramLabel = "EVENTS", split = ",",
      description = "Events that stop training and choose the threshold (default: 2012_Colorado_wildfires,"
          + " 2013_Russia_meteor, 2013_Glasgow_helicopter_crash, 2012_Italy_earthquakes).")
  List<String> validation = EventSplit.DEFAULT_VALIDATION;

  @Option(names = "--seed", paramLabel = "SEED", defaultValue = "" + RelevanceSettings.DEFAULT_SEED,
      description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--epochs", paramLabel = "N", defaultValue = "" + RelevanceSettings.DEFAULT_MAX_EPOCHS,
      description = "Passes over the training posts at most (default: ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--patience", paramLabel = "N", defaultValue = "" + RelevanceSettings.DEFAULT_PATIENCE,
      description = "Stop after this many epochs without a lower validation log loss (default: ${DEFAULT-VALUE}).")
  int patience;

  @Option(names = "--width", paramLabel = "SLOTS", defaultValue = "" + PostFeaturizer.DEFAULT_WIDTH,
      description = "Hashed feature slots, a power of two (default: ${DEFAULT-VALUE}).")
  int width;

  @Option(names = "--hidden", paramLabel = "UNITS", defaultValue = "" + RelevanceSettings.DEFAULT_HIDDEN_UNITS,
      description = "Units of the hidden layer (default: ${DEFAULT-VALUE}).")
  int hidden;

  @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "" + RelevanceSettings.DEFAULT_LEARNING_RATE,
      description = "Adam step size (default: ${DEFAULT-VALUE}).")
  double learningRate;

  @Option(names = "--l2", paramLabel = "DECAY", defaultValue = "" + RelevanceSettings.DEFAULT_L2,
      description = "L2 weight decay (default: ${DEFAULT-VALUE}).")
  double l2;

  @Option(names = "--batch-size", paramLabel = "POSTS", defaultValue = "" + RelevanceSettings.DEFAULT_BATCH_SIZE,
      description = "Posts per gradient step (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Override
  public Integer call() {
    if (!Files.isDirectory(input)) {
      return fail(ExitCode.USAGE, "input " + input + " is not a folder (expected the CrisisLexT26 folder)");
    }
    if (Files.exists(output) && !Files.isDirectory(output)) {
      return fail(ExitCode.USAGE, "output " + output + " exists and is not a directory");
    }
    RelevanceSettings settings;
    try {
      settings =
          new RelevanceSettings(width, hidden, epochs, patience, learningRate, l2, batchSize,
              seed);
    } catch (IllegalArgumentException e) {
      return fail(ExitCode.USAGE, e.getMessage());
    }
    try {
      RelevanceCorpus corpus = RelevanceCorpus.read(input);
      EventSplit split;
      try {
        split = EventSplit.of(corpus.events(), heldOut, validation);
      } catch (IllegalArgumentException e) {
        return fail(ExitCode.USAGE, e.getMessage());
      }
      RelevanceTrainer.TrainingReport report = new RelevanceTrainer(settings).train(corpus, split, output);
      spec.commandLine().getOut().println(summary(report, corpus));
      return ExitCode.OK;
    } catch (Exception e) {
      return fail(ExitCode.SOFTWARE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private static String summary(RelevanceTrainer.TrainingReport report, RelevanceCorpus corpus) {
    var metadata = report.metadata();
    var m = metadata.metrics();
    return String.format(
        Locale.ROOT,
        "relevance model written to %s: %d training posts (%d events), %d validation posts (%d events), %d held-out"
            + " events untouched; kept epoch %.0f; threshold %.4f; validation F1 %.3f, macro F1 %.3f (keyword baseline"
            + " %.3f, %.3f); %d 'Not applicable' and %d rejected rows left out; %d s",
        report.artifact(), metadata.trainingPosts(), metadata.trainingEvents().size(), metadata.validationPosts(),
        metadata.validationEvents().size(), metadata.heldOutEvents().size(), m.get("keptEpoch"), metadata.threshold(),
        m.get("validationF1"), m.get("validationMacroF1"), m.get("validationKeywordF1"),
        m.get("validationKeywordMacroF1"), corpus.notApplicable(), corpus.rejected(), report.elapsed().toSeconds());
  }

  /** One line on stderr, prefixed with the command's name as typed. */
  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainRelevanceCommand()).execute(args));
  }
}
