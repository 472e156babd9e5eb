package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.model.ModelMetadata;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same real incidents become the same network input in training and in scoring, bit for bit: the rows the trainer
 * fits the network on (local history over the corpus in time order, vocabulary and normaliser fitted in memory) against
 * the rows a model loaded from the written artifact feeds its network when it scores the incidents in their context,
 * standardisation included. The stream's keyed scorer is held to the same contexts by flink-jobs'
 * LocalHistoryScoringTest.
 */
class SharedEncodingTest {

  @Test
  void trainingRowsAndScoringRowsAreBitForBitEqual(@TempDir Path dir) throws Exception {
    IncidentCorpus corpus =
        IncidentCorpus.read(
            List.of(RealData.chicagoCrimes(2016)), Instant.parse("2016-01-01T06:00:00Z"),
            Instant.parse("2016-01-15T06:00:00Z"));
    List<Incident> incidents = corpus.incidents();
    assertThat(incidents).hasSizeGreaterThan(5_000);

    // the training side, as CategoryTrainer builds its rows
    List<String> categories = Arrays.stream(CrimeCategory.values()).map(Enum::name).toList();
    TrainingSettings settings = TrainingSettings.defaults();
    List<IncidentContext> trainingContexts = CategoryTrainer.contexts(incidents, categories, settings.resolution());
    CategoryTrainer.FittedInput fitted =
        CategoryTrainer.fitInput(trainingContexts, categories, settings.resolution(), settings.maxLocationTypes());
    float[] trainingRows = CategoryTrainer.inputRows(fitted.input(), trainingContexts).data().asFloat();

    // the scoring side: the normaliser and vocabulary written into an artifact and loaded back, as the stream does
    int width = fitted.input().width();
    CategoryNetwork network = new CategoryNetwork(TrainingSettings.defaults(), width, categories.size());
    ModelMetadata metadata =
        new ModelMetadata(
            FeatureEncoder.SCHEMA_VERSION, categories,
            categories.stream().map(c -> 1.0 / categories.size()).toList(), fitted.input().encoder().vocabulary(),
            corpus.from().toString(), corpus.to().toString(), incidents.size(), 0, null, "untrained", corpus.inputs());
    new CategoryModel(network.network(), fitted.normalizer(), metadata).save(dir);
    CategoryModel scoring = CategoryModel.load(dir);
    List<IncidentContext> scoringContexts = scoring.contexts(incidents);
    float[] scoringRows = new float[trainingRows.length];
    // in the stream's batch sizes, so that the kept input arrays of the scoring path are the ones compared
    for (int start = 0, size = 1; start < incidents.size(); start += size, size = Math.min(size * 4, 1024)) {
      List<IncidentContext> batch = scoringContexts.subList(start, Math.min(incidents.size(), start + size));
      System.arraycopy(scoring.inputRows(batch), 0, scoringRows, start * width, batch.size() * width);
    }

    assertThat(width).isEqualTo(scoring.encoder().width());
    assertThat(trainingRows).hasSize(incidents.size() * width);
    int standardisedAwayFromRaw = 0;
    for (int i = 0; i < trainingRows.length; i++) {
      if (Float.floatToRawIntBits(trainingRows[i]) != Float.floatToRawIntBits(scoringRows[i])) {
        throw new AssertionError(
            "incident " + incidents.get(i / width).id() + ", feature " + i % width + ": training " + trainingRows[i]
                + ", scoring " + scoringRows[i]);
      }
      standardisedAwayFromRaw += trainingRows[i] == 0f || trainingRows[i] == 1f ? 0 : 1;
    }
    // the rows compared are standardised, not raw one-hot features
    assertThat(standardisedAwayFromRaw).isGreaterThan(trainingRows.length / 2);
    // and most incidents after the first week have local history in their cell
    long withHistory =
        trainingContexts.stream()
            .filter(c -> c.incident().occurredAt().isAfter(Instant.parse("2016-01-08T06:00:00Z")))
            .filter(c -> c.history()[c.history().length - 1] > 0)
            .count();
    assertThat(withHistory).isGreaterThan(incidents.size() / 3);
  }
}
