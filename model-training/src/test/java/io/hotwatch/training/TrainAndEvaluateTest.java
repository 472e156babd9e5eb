package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.model.ModelMetadata;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a small model on three real weeks of Chicago incidents (~14k rows, seconds) and evaluates it on the following
 * week, through the same commands the launcher runs.
 */
class TrainAndEvaluateTest {

  @Test
  void smallModelBeatsTheClassPriorOnTheFollowingWeek(@TempDir Path dir) throws Exception {
    Path data = RealData.chicagoCrimes(2016);
    Path artifact = dir.resolve("model");

    CommandRun train = train(data, artifact, "7");

    assertThat(train.exitCode()).as(train.err()).isZero();
    assertThat(train.out()).contains("model written to " + artifact);
    CategoryModel model = CategoryModel.load(artifact);
    ModelMetadata metadata = model.metadata();
    assertThat(metadata.featureSchemaVersion()).isEqualTo(FeatureEncoder.SCHEMA_VERSION);
    assertThat(metadata.trainedFrom()).isEqualTo("2016-01-01T06:00:00Z");
    assertThat(metadata.trainedTo()).isEqualTo("2016-01-22T06:00:00Z");
    assertThat(metadata.trainingRows()).isGreaterThan(10_000);
    // the latest tenth by time is held out
    assertThat((double) metadata.validationRows() / (metadata.trainingRows() + metadata.validationRows()))
        .isBetween(0.09, 0.101);
    assertThat(metadata.categories()).contains("THEFT", "ASSAULT_BATTERY", "NARCOTICS");
    assertThat(metadata.classPrior().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
    assertThat(metadata.metrics()).containsKeys("validationLogLoss", "validationPriorLogLoss", "keptEpoch");
    assertThat(metadata.inputs()).containsExactly("chicago_crimes_2016.csv.gz");
    BaselineRates baseline = BaselineRates.load(artifact.resolve(CategoryModel.BASELINE_FILE));
    assertThat(baseline.resolution()).isEqualTo(8);
    assertThat(baseline.from()).isEqualTo(Instant.parse("2016-01-01T06:00:00Z"));
    assertThat(baseline.cellCount()).isGreaterThan(300);

    CommandRun evaluate =
        CommandRun.of(
            new EvaluateCommand(),
            "--model", artifact.toString(), "--input", data.toString(), "--from", "2016-01-22", "--to", "2016-01-29");

    assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
    JsonNode report = EventCodec.newObjectMapper().readTree(evaluate.out());
    assertThat(report.get("rows").asLong()).isGreaterThan(3000);
    assertThat(report.get("from").asText()).isEqualTo("2016-01-22T06:00:00Z");
    double logLoss = report.get("logLoss").asDouble();
    double priorLogLoss = report.get("priorLogLoss").asDouble();
    assertThat(logLoss).isPositive().isLessThan(priorLogLoss);
    double top1 = report.get("top1Accuracy").asDouble();
    assertThat(top1).isGreaterThan(report.get("priorTop1Accuracy").asDouble());
    assertThat(report.get("top3Accuracy").asDouble()).isGreaterThan(top1).isLessThanOrEqualTo(1.0);
    assertThat(report.get("perCategory").get("THEFT").get("rows").asLong()).isPositive();
  }

  @Test
  void theSameSeedTrainsTheSameModel(@TempDir Path dir) throws Exception {
    Path data = RealData.chicagoCrimes(2016);

    assertThat(train(data, dir.resolve("a"), "11").exitCode()).isZero();
    assertThat(train(data, dir.resolve("b"), "11").exitCode()).isZero();

    ModelMetadata a = CategoryModel.load(dir.resolve("a")).metadata();
    ModelMetadata b = CategoryModel.load(dir.resolve("b")).metadata();
    assertThat(b.metrics()).isEqualTo(a.metrics());
    assertThat(b.vocabulary()).isEqualTo(a.vocabulary());
  }

  private static CommandRun train(Path data, Path artifact, String seed) {
    return CommandRun.of(
        new TrainCommand(),
        "--input", data.toString(), "--output", artifact.toString(), "--from", "2016-01-01", "--to", "2016-01-22",
        "--epochs", "4", "--seed", seed);
  }
}
