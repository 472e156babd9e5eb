package io.hotwatch.core.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inference of a network of dense layers (what training builds) into activation arrays kept between batches.
 *
 * <p>Per layer it runs the operations DL4J's dense and output layers run at inference, with the network's own
 * parameters and activation functions: input times weights, plus the bias row, the activation in place. What it leaves
 * out is DL4J's bookkeeping around them: {@code MultiLayerNetwork.output} multiplies into a row-major array, which ND4J
 * fills through a column-major temporary and a copy per layer, and detaches its result into a new array; here each
 * layer's product goes straight into a kept column-major array. That took the network from about 4 to about 2 ms of
 * CPU per 1,024 rows on the 2-core machine (docs/BENCHMARKS.md). The outputs are bit for bit those of {@code MultiLayerNetwork.output}
 * (tested on the bundled model); a network of any other shape is not handled ({@link #of} gives null).
 *
 * <p>Not thread-safe (the kept arrays): one per model instance.
 */
final class DenseForwardPass {

  /** Activation arrays kept for this many batch sizes: a stream's batches are mostly full, the rest of a few sizes. */
  private static final int KEPT_SIZES = 4;

  private final INDArray[] weights;
  private final INDArray[] biases;
  private final IActivation[] activations;
  private final Map<Integer, INDArray[]> kept = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, INDArray[]> eldest) {
      return size() > KEPT_SIZES;
    }
  };

  private DenseForwardPass(INDArray[] weights, INDArray[] biases, IActivation[] activations) {
    this.weights = weights;
    this.biases = biases;
    this.activations = activations;
  }

  /**
   * The forward pass of {@code network}, or null when it has anything but float dense layers with biases ending in an
   * output layer (input preprocessors, layer normalisation, other layer types): those go through
   * {@code MultiLayerNetwork.output}.
   */
  static DenseForwardPass of(MultiLayerNetwork network) {
    var configuration = network.getLayerWiseConfigurations();
    if (configuration.getInputPreProcessors() != null && !configuration.getInputPreProcessors().isEmpty()) {
      return null;
    }
    Layer[] layers = network.getLayers();
    INDArray[] weights = new INDArray[layers.length];
    INDArray[] biases = new INDArray[layers.length];
    IActivation[] activations = new IActivation[layers.length];
    for (int l = 0; l < layers.length; l++) {
      var conf = layers[l].conf().getLayer();
      boolean last = l == layers.length - 1;
      boolean dense = conf.getClass() == DenseLayer.class && !last && ((DenseLayer) conf).hasBias()
          && !((DenseLayer) conf).hasLayerNorm();
      boolean output = conf.getClass() == OutputLayer.class && last && ((OutputLayer) conf).hasBias();
      if (!dense && !output) {
        return null;
      }
      weights[l] = layers[l].getParam(DefaultParamInitializer.WEIGHT_KEY);
      biases[l] = layers[l].getParam(DefaultParamInitializer.BIAS_KEY);
      activations[l] = ((BaseLayer) conf).getActivationFn();
      if (weights[l] == null || biases[l] == null || weights[l].dataType() != DataType.FLOAT
          || biases[l].dataType() != DataType.FLOAT) {
        return null;
      }
    }
    return new DenseForwardPass(weights, biases, activations);
  }

  /** The last layer's activations for {@code input} (float rows), in an array kept for the next batch of this size. */
  INDArray output(INDArray input) {
    INDArray[] out = kept.computeIfAbsent((int) input.rows(), this::activationArrays);
    INDArray in = input;
    for (int l = 0; l < weights.length; l++) {
      in.mmuli(weights[l], out[l]);
      out[l].addiRowVector(biases[l]);
      // DL4J's activations work in place; the returned array is used in case one does not
      in = activations[l].getActivation(out[l], false);
    }
    return in;
  }

  private INDArray[] activationArrays(int rows) {
    INDArray[] arrays = new INDArray[weights.length];
    for (int l = 0; l < arrays.length; l++) {
      // column-major: the layout ND4J's matrix product writes without a temporary
      arrays[l] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, weights[l].columns()}, 'f');
    }
    return arrays;
  }
}
