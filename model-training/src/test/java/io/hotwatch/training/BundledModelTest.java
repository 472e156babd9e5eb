package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.model.ModelMetadata;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The model committed for the demo and the streaming job: trained on 2015-2016, it must beat the prior on 2017. */
class BundledModelTest {

  @Test
  void beatsTheClassPriorOnTheFirst20kIncidentsOf2017() throws Exception {
    Path data = RealData.chicagoCrimes(2017);
    Path model = RealData.bundledModel();

    CommandRun run =
        CommandRun.of(new EvaluateCommand(), "--model", model.toString(), "--input", data.toString(), "--limit", "20000");

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = EventCodec.newObjectMapper().readTree(run.out());
    assertThat(report.get("rows").asLong()).isEqualTo(20_000);
    assertThat(report.get("logLoss").asDouble()).isLessThan(report.get("priorLogLoss").asDouble());
    assertThat(report.get("top1Accuracy").asDouble()).isGreaterThan(report.get("priorTop1Accuracy").asDouble());
  }

  @Test
  void isTrainedOn2015And2016WithBaselineRatesAtResolution8() throws Exception {
    Path model = RealData.bundledModel();

    ModelMetadata metadata = CategoryModel.load(model).metadata();
    BaselineRates baseline = BaselineRates.load(model.resolve(CategoryModel.BASELINE_FILE));

    assertThat(metadata.trainedFrom()).isEqualTo("2015-01-01T06:00:00Z");
    assertThat(metadata.trainedTo()).isEqualTo("2017-01-01T06:00:00Z");
    assertThat(metadata.inputs()).containsExactly("chicago_crimes_2015.csv.gz", "chicago_crimes_2016.csv.gz");
    assertThat(baseline.resolution()).isEqualTo(8);
    assertThat(baseline.from().toString()).isEqualTo(metadata.trainedFrom());
    assertThat(baseline.cellCount()).isGreaterThan(500);
  }
}
