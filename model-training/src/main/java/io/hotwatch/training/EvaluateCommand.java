package io.hotwatch.training;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.CategoryModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: scores a model artifact on incident files and prints one JSON object of figures. */
@Command(
    name = "evaluate",
    description =
        "Scores a model on incident files and prints one JSON object: rows, logLoss, priorLogLoss (the training class"
            + " prior on the same rows), top1Accuracy, top3Accuracy, per-category precision and recall, and calibration"
            + " overall and per police district (log loss, top-1, expected calibration error over 10 bins of the top"
            + " probability, mean predicted probability against observed share of the five most frequent categories).")
public final class EvaluateCommand implements Callable<Integer> {

  private static final int BATCH = 4096;

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model artifact directory.")
  Path model;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
      description = "Incident files (Chicago crimes or NYPD shootings CSV, plain or gzipped).")
  List<Path> inputs;

  @Option(names = "--from", paramLabel = "TIME", converter = ChicagoTime.class,
      description = "Score incidents from this date (Chicago midnight) or ISO instant on; default: all.")
  Instant from;

  @Option(names = "--to", paramLabel = "TIME", converter = ChicagoTime.class,
      description = "Score incidents before this date (Chicago midnight) or ISO instant; default: all.")
  Instant to;

  @Option(names = "--limit", paramLabel = "ROWS",
      description = "Score at most this many incidents, the first ones read; default: all.")
  Long limit;

  /** The printed figures; {@link CategoryScores} plus where they come from. */
  public record EvaluationReport(
      String model,
      String trainedFrom,
      String trainedTo,
      List<String> inputs,
      String from,
      String to,
      long rows,
      long rejectedRows,
      long unknownCategoryRows,
      double logLoss,
      double priorLogLoss,
      double top1Accuracy,
      double top3Accuracy,
      double priorTop1Accuracy,
      double macroF1,
      Map<String, CategoryScores.CategoryStats> perCategory,
      DistrictCalibration.CalibrationReport calibration) {}

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
    if (!Files.isDirectory(model)) {
      return fail(ExitCode.USAGE, "model directory " + model + " does not exist");
    }
    if (limit != null && limit < 1) {
      return fail(ExitCode.USAGE, "--limit " + limit + " is below 1");
    }
    try {
      CategoryModel loaded = CategoryModel.load(model);
      IncidentCorpus corpus = IncidentCorpus.read(inputs, from, to, limit == null ? Long.MAX_VALUE : limit);
      EvaluationReport report = evaluate(model.toString(), loaded, corpus);
      spec.commandLine()
          .getOut()
          .println(EventCodec.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      return ExitCode.OK;
    } catch (Exception e) {
      // an exception without a message is a bug: its class name says more than "null"
      return fail(ExitCode.SOFTWARE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  /**
   * Scores every incident of the corpus whose category the model knows, in batches through
   * {@link CategoryModel#predict}, the path the streaming job scores by.
   */
  public static EvaluationReport evaluate(String modelName, CategoryModel model, IncidentCorpus corpus) throws IOException {
    List<String> categories = model.categories();
    Map<String, Integer> index = new HashMap<>();
    categories.forEach(c -> index.put(c, index.size()));
    double[] prior = model.metadata().classPrior().stream().mapToDouble(Double::doubleValue).toArray();
    CategoryScorer scorer = new CategoryScorer(categories, prior);
    DistrictCalibration calibration = new DistrictCalibration(categories, prior);
    long unknown = 0;
    List<IncidentContext> batch = new ArrayList<>(BATCH);
    // one local history over the whole corpus in time order, as training builds it; it starts empty at the corpus's
    // start, so the first week's incidents count less history than they had
    LocalHistory.Sequence history = model.history().sequence();
    for (Incident incident : corpus.incidents()) {
      IncidentContext context = history.next(incident);
      if (!index.containsKey(incident.category())) {
        unknown++;
        continue;
      }
      batch.add(context);
      if (batch.size() == BATCH) {
        score(model, batch, index, scorer, calibration);
      }
    }
    score(model, batch, index, scorer, calibration);
    if (unknown == corpus.size()) {
      throw new IOException("none of the " + unknown + " incidents has a category the model knows " + categories);
    }
    CategoryScores s = scorer.scores();
    return new EvaluationReport(
        modelName, model.metadata().trainedFrom(), model.metadata().trainedTo(), corpus.inputs(),
        corpus.from().toString(), corpus.to().toString(), s.rows(), corpus.rejectedRows(), unknown, s.logLoss(),
        s.priorLogLoss(), s.top1Accuracy(), s.top3Accuracy(), s.priorTop1Accuracy(), s.macroF1(), s.perCategory(),
        calibration.report());
  }

  private static void score(
      CategoryModel model, List<IncidentContext> batch, Map<String, Integer> index, CategoryScorer scorer,
      DistrictCalibration calibration) {
    if (batch.isEmpty()) {
      return;
    }
    int[] actual = batch.stream().mapToInt(c -> index.get(c.incident().category())).toArray();
    float[][] probabilities = model.predictInContext(batch);
    int k = model.categories().size();
    float[] flat = new float[probabilities.length * k];
    for (int i = 0; i < probabilities.length; i++) {
      System.arraycopy(probabilities[i], 0, flat, i * k, k);
    }
    scorer.add(flat, actual);
    calibration.add(flat, actual, batch.stream().map(c -> c.incident().district()).toList());
    batch.clear();
  }

  /** One line on stderr, prefixed with the command's name as typed ("hotwatch train" under the launcher). */
  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateCommand()).execute(args));
  }
}
