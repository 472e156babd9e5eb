package io.hotwatch.training.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.social.RelevanceMetadata;
import io.hotwatch.core.social.RelevanceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The relevance model committed for the demo, trained by {@code train-relevance} with its defaults: on the six default
 * held-out events it must beat the keyword baseline's F1, as docs/MODELS.md reports.
 */
class BundledRelevanceModelTest {

  @Test
  void beatsTheKeywordBaselineOnTheHeldOutEvents() throws Exception {
    Path model = CrisisLexData.bundledModel();

    RelevanceCommandsTest.Run run =
        RelevanceCommandsTest.Run.of(
            new EvaluateRelevanceCommand(), "--model", model.toString(), "--input", CrisisLexData.folder().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = EventCodec.newObjectMapper().readTree(run.out());
    assertThat(report.get("events")).hasSize(EventSplit.DEFAULT_HELD_OUT.size());
    JsonNode overall = report.get("overall");
    assertThat(overall.get("posts").asLong()).isEqualTo(6422);
    assertThat(overall.get("model").get("f1").asDouble()).isGreaterThan(overall.get("keywords").get("f1").asDouble());
    assertThat(overall.get("model").get("macroF1").asDouble())
        .isGreaterThan(overall.get("keywords").get("macroF1").asDouble())
        .isGreaterThan(overall.get("allRelated").get("macroF1").asDouble());
  }

  @Test
  void isTrainedWithTheDefaultSplitAndStaysSmall() throws Exception {
    Path model = CrisisLexData.bundledModel();

    RelevanceMetadata metadata = RelevanceModel.load(model).metadata();

    assertThat(metadata.heldOutEvents()).containsExactlyElementsOf(EventSplit.DEFAULT_HELD_OUT);
    assertThat(metadata.validationEvents()).containsExactlyElementsOf(EventSplit.DEFAULT_VALIDATION);
    assertThat(metadata.trainingEvents()).hasSize(16).doesNotContainAnyElementsOf(metadata.heldOutEvents());
    assertThat(Files.size(model.resolve(RelevanceModel.NETWORK_FILE))).isLessThan(400_000);
  }
}
