package io.hotwatch.core.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Save, load and scoring of the relevance artifact. The networks are real DL4J networks with seeded random weights:
 * what is tested is the artifact and the scoring path, which do not depend on what the weights learnt.
 */
class RelevanceModelTest {

  private static final int WIDTH = 256;
  private static final List<String> POSTS =
      List.of(
          "Shots fired at LAX terminal 3, people running", "RT @user: praying for Boston", "", "lunch was great today",
          "Explosion at fertilizer plant in West, TX http://t.co/x");

  @Test
  void aSavedModelLoadsWithTheSameMetadataAndScores(@TempDir Path dir) throws Exception {
    RelevanceModel model = new RelevanceModel(network(WIDTH, 7), metadata(WIDTH, 0.4));

    RelevanceMetadata written = model.save(dir);
    RelevanceModel loaded = RelevanceModel.load(dir);

    assertThat(written.networkSha256()).matches("[0-9a-f]{64}");
    assertThat(loaded.metadata()).isEqualTo(written);
    assertThat(loaded.metadata().withNetworkSha256(null)).isEqualTo(model.metadata());
    assertThat(loaded.score(POSTS)).containsExactly(model.score(POSTS));
    assertThat(loaded.threshold()).isEqualTo(0.4);
  }

  @Test
  void scoringEncodesWithTheSameFeaturizerTrainingUses() {
    MultiLayerNetwork network = network(WIDTH, 3);
    RelevanceModel model = new RelevanceModel(network, metadata(WIDTH, 0.5));
    // training builds its inputs with a featurizer of the stored width, as here
    float[] trainingRows = new PostFeaturizer(WIDTH).encodeAll(POSTS);

    float[] expected =
        network.output(Nd4j.create(trainingRows, new long[] {POSTS.size(), WIDTH}, 'c'), false).dup().data().asFloat();

    assertThat(model.featurizer().encodeAll(POSTS)).containsExactly(trainingRows);
    assertThat(model.score(POSTS)).containsExactly(expected);
    assertThat(model.score(List.of())).isEmpty();
  }

  @Test
  void scoresMoreThanOneBatchInInputOrder() {
    RelevanceModel model = new RelevanceModel(network(WIDTH, 5), metadata(WIDTH, 0.5));
    List<String> many =
        IntStream.range(0, RelevanceModel.SCORING_BATCH * 2 + 7).mapToObj(i -> POSTS.get(i % 5) + " " + i).toList();

    float[] all = model.score(many);

    assertThat(all).hasSize(many.size());
    int last = many.size() - 1;
    assertThat(all[last]).isEqualTo(model.score(List.of(many.get(last)))[0]);
    int second = RelevanceModel.SCORING_BATCH;
    assertThat(all[second]).isEqualTo(model.score(List.of(many.get(second)))[0]);
    for (float score : all) {
      assertThat(score).isBetween(0f, 1f);
    }
  }

  @Test
  void refusesAnotherFeatureSchemaVersion(@TempDir Path dir) throws Exception {
    new RelevanceModel(network(WIDTH, 1), metadata(WIDTH, 0.5)).save(dir);
    Path json = dir.resolve(RelevanceModel.METADATA_FILE);
    Files.writeString(
        json, Files.readString(json).replace("\"featureSchemaVersion\" : 1", "\"featureSchemaVersion\" : 99"));

    assertThatThrownBy(() -> RelevanceModel.load(dir))
        .isInstanceOf(IOException.class)
        .hasMessage("relevance model at " + dir + " has feature schema version 99, this build reads 1");
  }

  @Test
  void refusesANetworkFileThatDoesNotMatchItsChecksum(@TempDir Path dir) throws Exception {
    new RelevanceModel(network(WIDTH, 1), metadata(WIDTH, 0.5)).save(dir.resolve("a"));
    // a network of another training run (another seed) copied over the first one's
    new RelevanceModel(network(WIDTH, 2), metadata(WIDTH, 0.5)).save(dir.resolve("b"));
    Files.copy(
        dir.resolve("b").resolve(RelevanceModel.NETWORK_FILE), dir.resolve("a").resolve(RelevanceModel.NETWORK_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String expected = RelevanceModel.load(dir.resolve("b")).metadata().networkSha256();

    assertThatThrownBy(() -> RelevanceModel.load(dir.resolve("a")))
        .isInstanceOf(IOException.class)
        .hasMessageStartingWith("relevance model at " + dir.resolve("a") + ": " + RelevanceModel.NETWORK_FILE
            + " has SHA-256 " + expected + ", " + RelevanceModel.METADATA_FILE + " expects ");
  }

  @Test
  void refusesMissingFilesAndAWidthTheNetworkDoesNotTake(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> RelevanceModel.load(dir))
        .hasMessage("relevance model at " + dir + " has no " + RelevanceModel.METADATA_FILE);

    assertThatThrownBy(() -> new RelevanceModel(network(WIDTH, 1), metadata(WIDTH * 2, 0.5)))
        .hasMessage("network takes 256 inputs, the metadata's feature width is 512");
  }

  private static RelevanceMetadata metadata(int width, double threshold) {
    return new RelevanceMetadata(
        PostFeaturizer.SCHEMA_VERSION, width, threshold, "test threshold", "test labels", List.of("a_event"),
        List.of("b_event"), List.of("c_event"), 10, 5, Map.of("validationF1", 0.5), "test network", null);
  }

  private static MultiLayerNetwork network(int inputs, long seed) {
    MultiLayerNetwork network =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .list()
                .layer(new DenseLayer.Builder().nIn(inputs).nOut(4).activation(Activation.RELU).build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(4)
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .build())
                .build());
    network.init();
    return network;
  }
}
