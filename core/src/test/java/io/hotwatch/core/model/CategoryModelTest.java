package io.hotwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.FeatureVocabulary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Round trip of a model artifact. The network is untrained (seeded random weights): what is under test is that storing
 * and loading keep network, normaliser and metadata exactly, not what the weights predict.
 */
class CategoryModelTest {

  private static final List<String> CATEGORIES = List.of("THEFT", "ASSAULT_BATTERY", "NARCOTICS");
  private static final FeatureVocabulary VOCABULARY = vocabulary(List.of("1", "8"));
  private static List<Incident> incidents;
  private static List<IncidentContext> contexts;
  private static CategoryModel model;

  @BeforeAll
  static void buildModel() {
    incidents = randomIncidents(50, new Random(7));
    FeatureEncoder encoder = new FeatureEncoder(VOCABULARY);
    contexts = encoder.history().sequence().next(incidents);
    float[] features = new float[incidents.size() * encoder.width()];
    for (int i = 0; i < incidents.size(); i++) {
      encoder.encode(contexts.get(i), features, i * encoder.width());
    }
    NormalizerStandardize normalizer = new NormalizerStandardize();
    normalizer.fit(
        new DataSet(Nd4j.create(features, new long[] {incidents.size(), encoder.width()}, 'c'), Nd4j.zeros(incidents.size(), 3)));
    MultiLayerConfiguration conf =
        new NeuralNetConfiguration.Builder()
            .seed(42)
            .list()
            .layer(new DenseLayer.Builder().nIn(encoder.width()).nOut(8).activation(Activation.RELU).build())
            .layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nIn(8)
                    .nOut(CATEGORIES.size())
                    .activation(Activation.SOFTMAX)
                    .build())
            .build();
    MultiLayerNetwork network = new MultiLayerNetwork(conf);
    network.init();
    model = new CategoryModel(network, normalizer, metadata(FeatureEncoder.SCHEMA_VERSION));
  }

  @Test
  void predictGivesOneProbabilityRowPerIncidentAsIfScoredOneByOne() {
    float[][] batch = model.predictInContext(contexts);
    assertThat(model.predict(incidents)).as("a list of incidents is their history").isDeepEqualTo(batch);

    assertThat(batch).hasNumberOfRows(incidents.size());
    for (int i = 0; i < batch.length; i++) {
      assertThat(batch[i]).hasSize(CATEGORIES.size());
      double sum = 0;
      for (float p : batch[i]) {
        assertThat(p).isBetween(0f, 1f);
        sum += p;
      }
      assertThat(sum).isCloseTo(1.0, within(1e-5));
      assertThat(batch[i]).containsExactly(model.predictInContext(List.of(contexts.get(i)))[0], within(1e-6f));
    }
    assertThat(model.predict(List.of())).isEmpty();
  }

  @Test
  void savedArtifactLoadsWithIdenticalOutputsAndMetadata(@TempDir Path dir) throws IOException {
    model.save(dir);
    CategoryModel loaded = CategoryModel.load(dir);

    assertThat(loaded.metadata()).isEqualTo(model.metadata());
    assertThat(loaded.categories()).isEqualTo(CATEGORIES);
    assertThat(loaded.predict(incidents)).isDeepEqualTo(model.predict(incidents));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 99})
  void refusesAModelOfAnotherFeatureSchema(int version, @TempDir Path dir) throws IOException {
    model.save(dir);
    Path metadataFile = dir.resolve(CategoryModel.METADATA_FILE);
    String json = Files.readString(metadataFile);
    Files.writeString(
        metadataFile,
        json.replace(
            "\"featureSchemaVersion\" : " + FeatureEncoder.SCHEMA_VERSION, "\"featureSchemaVersion\" : " + version));

    assertThatThrownBy(() -> CategoryModel.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessage(
            "model at " + dir + " has feature schema version " + version + ", this build reads "
                + FeatureEncoder.SCHEMA_VERSION + ": retrain it with `hotwatch train`");
  }

  @Test
  void refusesAnIncompleteArtifact(@TempDir Path dir) throws IOException {
    model.save(dir);
    Files.delete(dir.resolve(CategoryModel.NETWORK_FILE));

    assertThatThrownBy(() -> CategoryModel.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessage("model at " + dir + " has no model.zip");
  }

  @Test
  void refusesACorruptNetworkFile(@TempDir Path dir) throws IOException {
    model.save(dir);
    Files.writeString(dir.resolve(CategoryModel.NETWORK_FILE), "not a zip");

    assertThatThrownBy(() -> CategoryModel.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("model at " + dir + " has an unreadable model.zip");
  }

  @Test
  void refusesANetworkThatDoesNotFitTheVocabulary() {
    ModelMetadata widerVocabulary =
        new ModelMetadata(
            FeatureEncoder.SCHEMA_VERSION, CATEGORIES, List.of(0.5, 0.3, 0.2),
            vocabulary(List.of("1", "8", "11")), "", "", 0, 0, Map.of(), "", List.of());
    var network = new MultiLayerNetwork(
        new NeuralNetConfiguration.Builder()
            .list()
            .layer(new OutputLayer.Builder().nIn(new FeatureEncoder(VOCABULARY).width()).nOut(3).activation(Activation.SOFTMAX).build())
            .build());
    network.init();

    assertThatThrownBy(() -> new CategoryModel(network, new NormalizerStandardize(), widerVocabulary))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the vocabulary encodes " + new FeatureEncoder(widerVocabulary.vocabulary()).width());
  }

  private static ModelMetadata metadata(int schemaVersion) {
    return new ModelMetadata(
        schemaVersion,
        CATEGORIES,
        List.of(0.5, 0.3, 0.2),
        VOCABULARY,
        "2016-01-01T06:00:00Z",
        "2016-03-01T06:00:00Z",
        40,
        10,
        Map.of("validationLogLoss", 1.05),
        "untrained test network",
        List.of("made-up.csv"));
  }

  private static FeatureVocabulary vocabulary(List<String> districts) {
    return new FeatureVocabulary(districts, List.of("STREET"), CATEGORIES, Map.of(), 8, List.of());
  }

  private static List<Incident> randomIncidents(int n, Random random) {
    Instant start = Instant.parse("2016-01-01T06:00:00Z");
    List<String> districts = List.of("1", "8", "11", "");
    List<String> places = List.of("STREET", "ALLEY", "");
    List<Incident> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(
          new Incident(
              "id" + i,
              "chicago-crimes",
              start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60))),
              null,
              41.65 + random.nextDouble() * 0.35,
              -87.9 + random.nextDouble() * 0.35,
              CATEGORIES.get(random.nextInt(CATEGORIES.size())),
              "",
              "",
              districts.get(random.nextInt(districts.size())),
              "",
              places.get(random.nextInt(places.size()))));
    }
    return list;
  }
}
