package io.hotwatch.training.relevance;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.MathArrays;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
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
    int rows = posts.size();
    int width = settings.featureWidth();
    int[] order = MathArrays.natural(rows);
    MathArrays.shuffle(order, random);
    double lossSum = 0;
    ProgressBarBuilder bar =
        new ProgressBarBuilder()
            .setTaskName(taskName)
            .setInitialMax(rows)
            .setUnit(" posts", 1)
            .setUpdateIntervalMillis(1000)
            .setConsumer(new ConsoleProgressBarConsumer(System.err));
    try (ProgressBar progress = bar.build()) {
      for (int start = 0; start < rows; start += settings.batchSize()) {
        int size = Math.min(rows - start, settings.batchSize());
        float[] x = new float[size * width];
        float[] y = new float[size];
        for (int i = 0; i < size; i++) {
          int row = order[start + i];
          posts.copyRow(row, x, i * width);
          y[i] = posts.related(row) ? 1f : 0f;
        }
        network.fit(
            new DataSet(Nd4j.create(x, new long[] {size, width}, 'c'), Nd4j.create(y, new long[] {size, 1}, 'c')));
        lossSum += network.score() * size;
        progress.stepBy(size);
      }
    }
    return lossSum / rows;
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
