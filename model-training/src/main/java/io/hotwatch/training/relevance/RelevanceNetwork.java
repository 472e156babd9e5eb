package io.hotwatch.training.relevance;

import io.hotwatch.training.ShuffledEpoch;
import org.apache.commons.math3.random.RandomGenerator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The relevance network: hashed text features, one ReLU hidden layer, one sigmoid output, fitted by Adam. */
final class RelevanceNetwork {

  private final RelevanceSettings settings;
  private final MultiLayerNetwork network;

  RelevanceNetwork(RelevanceSettings settings) {
    this.settings = settings;
    this.network =
        new MultiLayerNetwork(
            new NeuralNetConfiguration.Builder()
                .seed(settings.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(settings.learningRate()))
                .l2(settings.l2())
                .list()
                .layer(
                    new DenseLayer.Builder()
                        .nIn(settings.featureWidth())
                        .nOut(settings.hiddenUnits())
                        .activation(Activation.RELU)
                        .weightInit(WeightInit.RELU)
                        .build())
                .layer(
                    new OutputLayer.Builder(LossFunctions.LossFunction.XENT)
                        .nIn(settings.hiddenUnits())
                        .nOut(1)
                        .activation(Activation.SIGMOID)
                        .weightInit(WeightInit.XAVIER)
                        .build())
                .build());
    network.init();
  }

  MultiLayerNetwork network() {
    return network;
  }

  /**
   * One pass over the encoded posts in a fresh random order, with a progress bar on stderr.
   *
   * @return the mean minibatch loss (cross-entropy plus L2) over the pass
   */
  double fitEpoch(EncodedPosts posts, RandomGenerator random, String taskName) {
    return ShuffledEpoch.fit(
        network, posts.size(), settings.featureWidth(), 1, settings.batchSize(), random, taskName, " posts",
        (row, x, xAt, y, yAt) -> {
          posts.copyRow(row, x, xAt);
          y[yAt] = posts.related(row) ? 1f : 0f;
        });
  }

  INDArray params() {
    return network.params().dup();
  }

  void setParams(INDArray params) {
    network.setParams(params);
  }

  /** One line for the metadata. */
  String describe(int keptEpoch, int epochsRun) {
    return "MLP " + settings.featureWidth() + "-" + settings.hiddenUnits() + "-1, ReLU hidden layer, sigmoid output;"
        + " Adam lr " + settings.learningRate() + ", L2 " + settings.l2() + ", batch " + settings.batchSize() + ", "
        + epochsRun + " epochs run (at most " + settings.maxEpochs() + ", patience " + settings.patience()
        + "), kept epoch " + keptEpoch + ", seed " + settings.seed();
  }
}
