package io.hotwatch.training.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.social.RelevanceMetadata;
import io.hotwatch.core.social.RelevanceModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;

/**
 * train-relevance and evaluate-relevance end to end on four real events (two to train on, one to validate, one held
 * out; a few seconds), through the same commands the launcher runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelevanceCommandsTest {

  private static final List<String> TRAINING = List.of("2013_Savar_building_collapse", "2013_Australia_bushfire");
  private static final String VALIDATION = "2012_Colorado_wildfires";
  private static final String HELD_OUT = "2013_LA_airport_shootings";

  private Path dir;
  private Path input;
  private Path artifact;
  private Run train;

  @BeforeAll
  void trainOnce(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    List<String> events = new java.util.ArrayList<>(TRAINING);
    events.add(VALIDATION);
    events.add(HELD_OUT);
    input = CrisisLexData.subset(dir.resolve("crisislex"), events);
    artifact = dir.resolve("model");
    train =
        Run.of(
            new TrainRelevanceCommand(), "--input", input.toString(), "--output", artifact.toString(), "--held-out",
            HELD_OUT, "--validation", VALIDATION, "--epochs", "3", "--seed", "5");
  }

  @Test
  void trainingWritesAnArtifactThatNamesItsSplitAndThreshold() throws Exception {
    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).startsWith("relevance model written to " + artifact + ": ").contains("(2 events)");

    RelevanceMetadata metadata = RelevanceModel.load(artifact).metadata();

    assertThat(metadata.trainingEvents()).containsExactlyElementsOf(TRAINING.stream().sorted().toList());
    assertThat(metadata.validationEvents()).containsExactly(VALIDATION);
    assertThat(metadata.heldOutEvents()).containsExactly(HELD_OUT);
    // not-applicable rows left out: Savar 1,216 + bushfire 1,191 of 1,250 + 1,199 rows
    assertThat(metadata.trainingPosts()).isEqualTo(1216 + 1191);
    assertThat(metadata.threshold()).isBetween(0.0, 1.0);
    assertThat(metadata.metrics().get("keptEpoch")).isBetween(1.0, 3.0);
    // the threshold is the cut of best validation macro F1, and the lowest cut (every post related) is one of the cuts:
    // Colorado wildfires has 953 related and 238 unrelated posts
    double allRelatedMacroF1 = (2.0 * 953 / (2 * 953 + 238) + 0) / 2;
    assertThat(metadata.metrics().get("validationMacroF1")).isGreaterThanOrEqualTo(allRelatedMacroF1);
  }

  @Test
  void theSameSeedTrainsTheSameModel() throws Exception {
    Path again = dir.resolve("again");

    Run run =
        Run.of(
            new TrainRelevanceCommand(), "--input", input.toString(), "--output", again.toString(), "--held-out",
            HELD_OUT, "--validation", VALIDATION, "--epochs", "3", "--seed", "5");

    assertThat(run.exitCode()).as(run.err()).isZero();
    RelevanceModel first = RelevanceModel.load(artifact);
    RelevanceModel second = RelevanceModel.load(again);
    assertThat(second.metadata().metrics()).isEqualTo(first.metadata().metrics());
    assertThat(second.threshold()).isEqualTo(first.threshold());
    List<String> posts = List.of("Shots fired at LAX, everyone running", "new album out friday #lax");
    assertThat(second.score(posts)).containsExactly(first.score(posts));
  }

  @Test
  void evaluationReportsModelBaselineAndAllRelatedOnTheHeldOutEvent() throws Exception {
    Run run =
        Run.of(
            new EvaluateRelevanceCommand(), "--model", artifact.toString(), "--input", input.toString(),
            "--police-alerts", CrisisLexData.policeAlerts().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = EventCodec.newObjectMapper().readTree(run.out());
    JsonNode event = report.get("events").get(0);
    assertThat(report.get("events")).hasSize(1);
    assertThat(event.get("event").asText()).isEqualTo(HELD_OUT);
    assertThat(event.get("posts").asLong()).isEqualTo(999);
    assertThat(event.get("related").asLong()).isEqualTo(912);
    for (String method : List.of("model", "keywords", "allRelated")) {
      JsonNode s = event.get(method);
      long tp = s.get("truePositives").asLong();
      long fp = s.get("falsePositives").asLong();
      long fn = s.get("falseNegatives").asLong();
      assertThat(tp + fn).as(method).isEqualTo(912);
      assertThat(tp + fp + fn + s.get("trueNegatives").asLong()).as(method).isEqualTo(999);
      assertThat(s.get("f1").asDouble()).as(method).isEqualTo(2.0 * tp / (2 * tp + fp + fn));
      // one event: the pooled figures are the event's
      assertThat(report.get("overall").get(method)).as(method).isEqualTo(s);
    }
    assertThat(event.get("allRelated").get("recall").asDouble()).isEqualTo(1.0);
    assertThat(report.get("threshold").asDouble()).isEqualTo(RelevanceModel.load(artifact).threshold());
    JsonNode alerts = report.get("policeAlerts");
    assertThat(alerts.get("posts").asLong()).isEqualTo(188);
    assertThat(alerts.get("modelRecall").asDouble()).isEqualTo(alerts.get("modelRelated").asLong() / 188.0);
  }

  @Test
  void evaluationRefusesEventsTheModelWasTrainedOrValidatedOn() {
    Run run =
        Run.of(
            new EvaluateRelevanceCommand(), "--model", artifact.toString(), "--input", input.toString(), "--events",
            VALIDATION);

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .isEqualTo("evaluate-relevance: event " + VALIDATION + " was used to train or validate the model, it cannot"
            + " test it" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void badInputIsOneLineAndANonZeroExit() {
    Path missing = dir.resolve("missing");

    Run noInput =
        Run.of(new TrainRelevanceCommand(), "--input", missing.toString(), "--output", dir.resolve("m").toString());
    assertThat(noInput.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noInput.err())
        .isEqualTo("train-relevance: input " + missing + " is not a folder (expected the CrisisLexT26 folder)"
            + System.lineSeparator());

    Run unknownEvent =
        Run.of(new TrainRelevanceCommand(), "--input", input.toString(), "--output", dir.resolve("m").toString(),
            "--held-out", "2013_Atlantis_flood", "--validation", VALIDATION);
    assertThat(unknownEvent.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(unknownEvent.err())
        .isEqualTo("train-relevance: held-out event 2013_Atlantis_flood is not in the input (4 events)"
            + System.lineSeparator());

    Run badWidth =
        Run.of(new TrainRelevanceCommand(), "--input", input.toString(), "--output", dir.resolve("m").toString(),
            "--width", "1000");
    assertThat(badWidth.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badWidth.err()).hasLineCount(1).contains("feature width 1000 is not a power of two");

    Run noModel = Run.of(new EvaluateRelevanceCommand(), "--model", missing.toString(), "--input", input.toString());
    assertThat(noModel.exitCode()).isEqualTo(ExitCode.SOFTWARE);
    assertThat(noModel.err())
        .isEqualTo(
            "evaluate-relevance: relevance model at " + missing + " has no relevance.json" + System.lineSeparator());
    assertThat(noModel.out()).isEmpty();
  }

  /** A command run in-process: exit code, stdout and stderr. */
  record Run(int exitCode, String out, String err) {
    static Run of(Object command, String... args) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int exitCode =
          new CommandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
      return new Run(exitCode, out.toString(), err.toString());
    }
  }
}
