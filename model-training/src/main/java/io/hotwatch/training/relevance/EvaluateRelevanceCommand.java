package io.hotwatch.training.relevance;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.social.RelevanceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate-relevance}: the relevance model against the keyword baseline on held-out events, as JSON. */
@Command(
    name = "evaluate-relevance",
    description =
        "Scores a relevance model and the keyword baseline on whole held-out CrisisLexT26 events and prints one JSON"
            + " object: precision, recall, F1 (related as the positive class), not-related F1 and macro F1 per event"
            + " and overall, beside calling every post related. Events the model was trained or validated on are"
            + " refused.")
public final class EvaluateRelevanceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "The relevance model's directory.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "The CrisisLexT26 folder.")
  Path input;

  @Option(names = "--events", paramLabel = "EVENTS", split = ",",
      description = "Events to evaluate on (default: the model's held-out events).")
  List<String> events;

  @Option(names = "--police-alerts", paramLabel = "FILE",
      description = "Also report the share of the DC police alert tweets (GeoJSON) each method calls related.")
  Path policeAlerts;

  @Override
  public Integer call() {
    if (!Files.isDirectory(input)) {
      return fail(ExitCode.USAGE, "input " + input + " is not a folder (expected the CrisisLexT26 folder)");
    }
    if (policeAlerts != null && !Files.isRegularFile(policeAlerts)) {
      return fail(ExitCode.USAGE, "police alerts file " + policeAlerts + " does not exist");
    }
    try {
      RelevanceModel relevance = RelevanceModel.load(model);
      var metadata = relevance.metadata();
      List<String> chosen = events != null ? events : metadata.heldOutEvents();
      if (chosen.isEmpty()) {
        return fail(ExitCode.USAGE, "no events to evaluate: the model names no held-out events, pass --events");
      }
      RelevanceCorpus corpus = RelevanceCorpus.read(input);
      for (String event : chosen) {
        if (metadata.trainingEvents().contains(event) || metadata.validationEvents().contains(event)) {
          return fail(ExitCode.USAGE, "event " + event + " was used to train or validate the model, it cannot test it");
        }
        if (!corpus.has(event)) {
          return fail(ExitCode.USAGE, "event " + event + " is not in " + input);
        }
      }
      RelevanceEvaluation.Report report = RelevanceEvaluation.evaluate(model, relevance, corpus, chosen, policeAlerts);
      spec.commandLine()
          .getOut()
          .println(EventCodec.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      return ExitCode.OK;
    } catch (Exception e) {
      return fail(ExitCode.SOFTWARE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateRelevanceCommand()).execute(args));
  }
}
