package io.hotwatch.training.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.training.EvaluateCommand;
import io.hotwatch.training.TrainCommand;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ExitCode;

/**
 * compare-models end to end on a few thousand real incidents of the bundled July 2017 month: every sixth row, the
 * 1st-20th to train on, the 21st-31st to test on; the network is retrained on them, or is the bundled artifact.
 */
class CompareModelsCommandTest {

  private static final Path MONTH = home().resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
  private static final Path MODEL = home().resolve("deploy/demo/model");

  @TempDir static Path dir;
  private static Path train;
  private static Path test;

  @BeforeAll
  static void splitTheMonthByDate() throws Exception {
    List<String> early = new ArrayList<>();
    List<String> late = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(new GZIPInputStream(Files.newInputStream(MONTH)), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      early.add(header);
      late.add(header);
      String line;
      for (int row = 0; (line = in.readLine()) != null; row++) {
        if (row % 6 != 0) {
          continue;
        }
        // the third field is the date, MM/dd/yyyy ...; ID and case number hold no commas
        int day = Integer.parseInt(line.split(",", 4)[2].substring(3, 5));
        (day <= 20 ? early : late).add(line);
      }
    }
    train = Files.write(dir.resolve("train.csv"), early);
    test = Files.write(dir.resolve("test.csv"), late);
  }

  @Test
  void fillsEveryColumnForEveryMethod() throws Exception {
    Path doc = dir.resolve("MODELS.md");
    Files.writeString(doc, "# Models\n\nText before.\n\n" + ModelsDocument.START + "\nold\n" + ModelsDocument.END
        + "\n\nText after.\n");

    Run run = run("--train", train.toString(), "--test", test.toString(), "--output", doc.toString(),
        "--knn-train-rows", "1000", "--knn-test-rows", "400", "--forest-train-rows", "1500", "--trees", "5",
        "--max-depth", "6");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("trainingRows").asLong()).isBetween(2000L, 4000L);
    assertThat(report.get("testRows").asLong()).isBetween(1000L, 2500L);
    JsonNode methods = report.get("methods");
    List<String> names = new ArrayList<>();
    for (JsonNode m : methods) {
      names.add(m.get("method").asText());
      assertThat(m.get("logLoss").asDouble()).as(m.toString()).isFinite().isPositive();
      assertThat(m.get("top1Accuracy").asDouble()).isBetween(0.0, 1.0);
      assertThat(m.get("top3Accuracy").asDouble()).isBetween(m.get("top1Accuracy").asDouble(), 1.0);
      assertThat(m.get("scoringMicrosPerEvent").asDouble()).isPositive();
      assertThat(m.get("trainingRows").asLong()).isPositive();
      assertThat(m.get("testRows").asLong()).isPositive();
    }
    assertThat(names).containsExactly("class prior", "category network (DL4J)", "naive Bayes", "logistic regression",
        "linear SVM", "random forest", "KNN");
    assertThat(methods.get(6).get("trainingRows").asLong()).isEqualTo(1000);
    assertThat(methods.get(6).get("testRows").asLong()).isEqualTo(400);
    assertThat(methods.get(6).get("note").asText()).contains("uniform random sample of 1000");
    assertThat(methods.get(4).get("note").asText()).contains("temperature");
    JsonNode network = methods.get(1);
    assertThat(network.get("note").asText()).startsWith("retrained here");
    assertThat(network.get("trainingSeconds").asDouble()).isPositive();
    // the network holds out the same latest tenth as the other methods and fits on the rest
    assertThat(network.get("trainingRows").asLong()).isEqualTo(report.get("fitRows").asLong());

    String text = Files.readString(doc);
    assertThat(text).startsWith("# Models\n\nText before.\n\n" + ModelsDocument.START).endsWith("\n\nText after.\n")
        .doesNotContain("\nold\n").contains("./hotwatch compare-models --train train.csv --test test.csv");
    List<String> tableRows = text.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| method")).toList();
    assertThat(tableRows).hasSize(7);
    for (String row : tableRows) {
      String[] cells = row.substring(1, row.length() - 1).split("\\|");
      assertThat(cells).hasSize(8);
      for (String cell : cells) {
        assertThat(cell.strip()).as(row).isNotEmpty().doesNotContain("NaN").doesNotContain("Infinity");
      }
    }
  }

  @Test
  void theRetrainedNetworkIsTheOneTrainGivesAndEvaluateScores() throws Exception {
    Path artifact = dir.resolve("trained");

    Run compared = run("--train", train.toString(), "--test", test.toString(), "--knn-train-rows", "200",
        "--knn-test-rows", "100", "--forest-train-rows", "200", "--trees", "2", "--max-depth", "3",
        "--svm-train-rows", "500");
    int trained = new CommandLine(new TrainCommand()).setOut(new PrintWriter(new StringWriter()))
        .execute("--input", train.toString(), "--output", artifact.toString());
    Run evaluated = runCommand(new EvaluateCommand(), "--model", artifact.toString(), "--input", test.toString());

    assertThat(compared.exitCode()).as(compared.err()).isEqualTo(ExitCode.OK);
    assertThat(trained).isEqualTo(ExitCode.OK);
    assertThat(evaluated.exitCode()).as(evaluated.err()).isEqualTo(ExitCode.OK);
    JsonNode network = new ObjectMapper().readTree(compared.out()).get("methods").get(1);
    JsonNode evaluation = new ObjectMapper().readTree(evaluated.out());
    assertThat(network.get("testRows").asLong()).isEqualTo(evaluation.get("rows").asLong());
    // same code, settings and seed: the same weights, so the same figures up to float rounding
    assertThat(network.get("logLoss").asDouble()).isCloseTo(evaluation.get("logLoss").asDouble(), within(1e-6));
    assertThat(network.get("top1Accuracy").asDouble())
        .isCloseTo(evaluation.get("top1Accuracy").asDouble(), within(1e-9));
  }

  @Test
  void scoresAGivenArtifactWithoutRetrainingIt() throws Exception {
    Path doc = dir.resolve("GIVEN.md");

    Run run = run("--train", train.toString(), "--test", test.toString(), "--model", MODEL.toString(), "--output",
        doc.toString(), "--knn-train-rows", "200", "--knn-test-rows", "100", "--forest-train-rows", "200",
        "--trees", "2", "--max-depth", "3", "--svm-train-rows", "500");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    JsonNode network = new ObjectMapper().readTree(run.out()).get("methods").get(1);
    assertThat(network.get("note").asText()).startsWith("given artifact " + MODEL).contains("not retrained here");
    assertThat(network.get("trainingSeconds").isNull()).isTrue();
    assertThat(network.get("trainingRows").asLong()).isEqualTo(472_608);
    // trained on two years, the bundled network beats the prior of a few thousand rows on log loss
    JsonNode prior = new ObjectMapper().readTree(run.out()).get("methods").get(0);
    assertThat(network.get("logLoss").asDouble()).isLessThan(prior.get("logLoss").asDouble());
    assertThat(Files.readString(doc)).contains("--model " + MODEL)
        .containsPattern("\\| category network \\(DL4J\\) \\|[^\\n]*\\| not retrained \\|");
  }

  @Test
  void namesAMissingFile() {
    Path missing = dir.resolve("missing.csv.gz");

    Run run = run("--train", missing.toString(), "--test", test.toString(), "--model", MODEL.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .isEqualTo("compare-models: input file " + missing + " does not exist" + System.lineSeparator());
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesATestPeriodThatDoesNotFollowTraining() {
    Run run = run("--train", test.toString(), "--test", train.toString(), "--model", MODEL.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).startsWith("compare-models: test incidents start at").hasLineCount(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void refusesAnEmptySampleAndAMissingModel() {
    Run zero = run("--train", train.toString(), "--test", test.toString(), "--model", MODEL.toString(),
        "--knn-train-rows", "0");
    Run noModel =
        run("--train", train.toString(), "--test", test.toString(), "--model", dir.resolve("none").toString());
    Run noTest = run("--train", train.toString());

    assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(zero.err()).startsWith("compare-models: ").hasLineCount(1);
    assertThat(noModel.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noModel.err()).isEqualTo(
        "compare-models: model directory " + dir.resolve("none") + " does not exist" + System.lineSeparator());
    assertThat(noTest.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noTest.out()).isEmpty();
  }

  private static Run run(String... args) {
    return runCommand(new CompareModelsCommand(), args);
  }

  private static Run runCommand(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode = new CommandLine(command)
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static Path home() {
    return Path.of(System.getProperty("hotwatch.home", ".."));
  }

  private record Run(int exitCode, String out, String err) {}
}
