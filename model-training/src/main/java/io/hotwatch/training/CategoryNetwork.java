package io.hotwatch.training;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.math3.random.RandomGenerator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The category network: a ReLU MLP with a softmax output, fitted by Adam on shuffled minibatches. */
final class CategoryNetwork {

  private static final int SCORING_BATCH = 8192;

  private final TrainingSettings settings;
  private final MultiLayerNetwork network;
  private final int inputs;
  private final int outputs;

  CategoryNetwork(TrainingSettings settings, int inputs, int outputs) {
    this.settings = settings;
    this.inputs = inputs;
    this.outputs = outputs;
    NeuralNetConfiguration.ListBuilder layers =
        new NeuralNetConfiguration.Builder()
            .seed(settings.seed())
            .dataType(DataType.FLOAT)
            .updater(new Adam(settings.learningRate()))
            .l2(settings.l2())
            .weightInit(WeightInit.RELU)
            .list();
    int previous = inputs;
    for (int units : settings.hiddenLayers()) {
      layers.layer(new DenseLayer.Builder().nIn(previous).nOut(units).activation(Activation.RELU).build());
      previous = units;
    }
    layers.layer(
        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
            .nIn(previous)
            .nOut(outputs)
            .activation(Activation.SOFTMAX)
            .weightInit(WeightInit.XAVIER)
            .build());
    this.network = new MultiLayerNetwork(layers.build());
    network.init();
  }

  MultiLayerNetwork network() {
    return network;
  }

  /**
   * One pass over normalised rows ({@code features}: row after row, {@link #inputs} wide) in a fresh random order,
   * with a progress bar on stderr ({@link ShuffledEpoch}).
   *
   * @return the mean minibatch loss (cross-entropy plus L2) over the pass
   */
  double fitEpoch(float[] features, int[] labels, RandomGenerator random, String taskName) {
    return ShuffledEpoch.fit(
        network, labels.length, inputs, outputs, settings.batchSize(), random, taskName, " rows",
        (row, x, xAt, y, yAt) -> {
          System.arraycopy(features, row * inputs, x, xAt, inputs);
          y[yAt + labels[row]] = 1f;
        });
  }

  /** Scores normalised rows in batches. */
  CategoryScores score(INDArray features, int[] labels, List<String> categories, double[] prior) {
    CategoryScorer scorer = new CategoryScorer(categories, prior);
    long rows = features.rows();
    for (int start = 0; start < rows; start += SCORING_BATCH) {
      int end = (int) Math.min(rows, start + SCORING_BATCH);
      INDArray batch = features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
      scorer.add(network.output(batch, false).dup('c').data().asFloat(), Arrays.copyOfRange(labels, start, end));
    }
    return scorer.scores();
  }

  INDArray params() {
    return network.params().dup();
  }

  void setParams(INDArray params) {
    network.setParams(params);
  }

  /** One line for the metadata, e.g. "MLP 75-128-64-13, ...". */
  String describe(int keptEpoch) {
    String shape =
        inputs + "-" + settings.hiddenLayers().stream().map(String::valueOf).collect(Collectors.joining("-")) + "-" + outputs;
    return "MLP " + shape + ", ReLU hidden layers, softmax output; Adam lr " + settings.learningRate() + ", L2 "
        + settings.l2() + ", batch " + settings.batchSize() + ", " + settings.epochs() + " epochs (kept epoch " + keptEpoch
        + "), seed " + settings.seed();
  }
}
