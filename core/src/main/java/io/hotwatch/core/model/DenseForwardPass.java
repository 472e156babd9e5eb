package io.hotwatch.core.model;

import io.hotwatch.core.features.FeatureEncoder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
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
 * CPU per 1,024 rows on the 2-core machine (docs/BENCHMARKS.md). The outputs of {@link #output(INDArray)} are bit for
 * bit those of {@code MultiLayerNetwork.output} (tested on the bundled model); a network of any other shape is not
 * handled ({@link #of} gives null). Scoring uses {@link #output(INDArray, int[], float[])}, which takes compact rows
 * and makes fewer native calls (see {@link #foldOneHot}), with the same sums in another order.
 *
 * <p>Not thread-safe (the kept arrays): one per model instance.
 */
final class DenseForwardPass {

  /** Activation arrays kept for this many batch sizes: a stream's batches are mostly full, the rest of a few sizes. */
  private static final int KEPT_SIZES = 4;

  /** Rows of the first layer's start written on the heap at a time before they are copied to the native array. */
  private static final int CHUNK_ROWS = 32;

  private final INDArray[] weights;
  private final INDArray[] biases;
  private final IActivation[] activations;
  private final Map<Integer, INDArray[]> kept = keptArrays();
  private final Map<Integer, INDArray[]> keptFolded = keptArrays();

  private final boolean softmaxLast;

  // compact rows (null until foldOneHot, see there): the first layer's tables, and heap buffers kept between batches
  private int foldedWidth;
  private INDArray denseWeights;
  private float[] hotWeights;
  private float[] firstLayerBase;
  private float[] firstLayerStart;
  private float[] readBack = new float[0];
  private final Map<Integer, float[][]> biasColumns = keptArrays();

  private DenseForwardPass(INDArray[] weights, INDArray[] biases, IActivation[] activations) {
    this.weights = weights;
    this.biases = biases;
    this.activations = activations;
    this.softmaxLast = activations[activations.length - 1] instanceof ActivationSoftmax;
  }

  /**
   * Prepares {@link #output(INDArray, int[], float[])}: the first layer fed compact rows of {@code input}
   * ({@link NetworkInput#writeCompact}), its one-hot features given by index instead of as standardised floats.
   *
   * <p>A one-hot feature f enters the first layer standardised, as (o - m) / s with o its 0 or 1, m and s its mean and
   * deviation; times its row of weights W(f) that adds o W(f) / s - (m / s) W(f). The second term is the same for every
   * incident: summed over all one-hot features, it goes into the layer's bias once. The first term is W(f) / s for the
   * one feature of each group that is 1, and nothing for the others. So the first layer's pre-activation is the bias so
   * changed, plus three rows looked up in a table (a row of weights per one-hot feature, divided by its deviation), plus
   * the dense features times their rows of weights, the only matrix product left. It is the same sum (what an
   * embedding layer computes for one-hot input) in another order, so its floats differ from the full product's in the
   * last bits only; the bundled model's probabilities differ from {@link #output(INDArray)}'s by at most 5.7e-7 on the
   * bundled month (NetworkInputTest). The network's other layers are unchanged.
   *
   * <p>The bundled model has 93 one-hot features of 145: the product that is left is about a third of the first
   * layer's, which was two thirds of the network's arithmetic.
   */
  void foldOneHot(NetworkInput input) {
    FeatureEncoder encoder = input.encoder();
    int width = encoder.width();
    if (weights[0].rows() != width) {
      throw new IllegalArgumentException("the network takes " + weights[0].rows() + " features, the rows have " + width);
    }
    int units = (int) weights[0].columns();
    float[] mean = input.mean();
    float[] std = input.std();
    float[][] w = weights[0].toFloatMatrix();
    float[] bias = biases[0].toFloatVector();
    double[] base = new double[units];
    for (int u = 0; u < units; u++) {
      base[u] = bias[u];
    }
    float[] table = new float[width * units];
    for (int f = 0; f < width; f++) {
      if (!encoder.oneHot(f)) {
        continue;
      }
      for (int u = 0; u < units; u++) {
        table[f * units + u] = (float) ((double) w[f][u] / std[f]);
        base[u] -= (double) mean[f] / std[f] * w[f][u];
      }
    }
    int[] dense = encoder.denseFeatures();
    float[][] denseRows = new float[dense.length][];
    for (int j = 0; j < dense.length; j++) {
      denseRows[j] = w[dense[j]];
    }
    float[] baseFloats = new float[units];
    for (int u = 0; u < units; u++) {
      baseFloats[u] = (float) base[u];
    }
    this.denseWeights = Nd4j.create(denseRows).castTo(DataType.FLOAT).dup('f');
    this.hotWeights = table;
    this.firstLayerBase = baseFloats;
    this.foldedWidth = width;
    this.firstLayerStart = new float[CHUNK_ROWS * units];
  }

  /** Whether {@link #foldOneHot} prepared compact rows. */
  boolean foldsOneHot() {
    return hotWeights != null;
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

  /**
   * The last layer's values for compact rows, in an array kept for the next batch of this size: its pre-activations
   * when it is a softmax, which {@link #output(INDArray, int[], float[])} takes on the heap.
   */
  private INDArray forward(INDArray denseRows, int[] hot) {
    if (hotWeights == null) {
      throw new IllegalStateException("compact rows need foldOneHot first");
    }
    int n = (int) denseRows.rows();
    int units = firstLayerBase.length;
    int groups = FeatureEncoder.ONE_HOT_GROUPS;
    if (hot.length < n * groups) {
      throw new IndexOutOfBoundsException(n + " rows need " + n * groups + " one-hot indexes, " + hot.length + " given");
    }
    INDArray[] out = keptFolded.computeIfAbsent(n, this::foldedActivationArrays);
    float[] chunk = firstLayerStart;
    float[] table = hotWeights;
    float[] base = firstLayerBase;
    int width = foldedWidth;
    int chunkRows = chunk.length / units;
    java.nio.FloatBuffer first = out[0].data().asNio().asFloatBuffer();
    // bias and one row of the table per group (three), row after row: the array is row-major, so that each row is
    // sums of contiguous floats, which the JIT vectorises; written through a small heap chunk that stays in the cache
    for (int from = 0; from < n; from += chunkRows) {
      int rows = Math.min(chunkRows, n - from);
      for (int c = 0; c < rows; c++) {
        int at = (from + c) * groups;
        int one = hot[at];
        int two = hot[at + 1];
        int three = hot[at + 2];
        if (one < 0 || one >= width || two < 0 || two >= width || three < 0 || three >= width) {
          throw new IndexOutOfBoundsException("row " + (from + c) + " names features outside [0, " + width + ")");
        }
        one *= units;
        two *= units;
        three *= units;
        int row = c * units;
        for (int u = 0; u < units; u++) {
          chunk[row + u] = base[u] + table[one + u] + table[two + u] + table[three + u];
        }
      }
      first.put(from * units, chunk, 0, rows * units);
    }
    Nd4j.gemm(denseRows, denseWeights, out[0], false, false, 1.0, 1.0);
    INDArray in = activations[0].getActivation(out[0], false);
    int last = weights.length - 1;
    for (int l = 1; l <= last; l++) {
      // the layer's bias rows first, then the product added to them: one native call instead of two
      out[l].data().asNio().asFloatBuffer().put(0, biasColumns(l, n));
      Nd4j.gemm(in, weights[l], out[l], false, false, 1.0, 1.0);
      in = l == last && softmaxLast ? out[l] : activations[l].getActivation(out[l], false);
    }
    return in;
  }

  /**
   * The network's outputs for compact rows (see {@link #foldOneHot}), into {@code probabilities}, row after row:
   * {@code denseRows} the standardised dense features, one float row per incident, and {@code hot} the index of each
   * row's hot one-hot features, {@value FeatureEncoder#ONE_HOT_GROUPS} per row. A softmax output layer's softmax is
   * taken here on the heap, as the values are copied out, and each later layer's bias is written before its product
   * adds to it: ND4J costs about 35 µs per native call whatever the batch's size, and this makes five per batch
   * instead of eight.
   */
  void output(INDArray denseRows, int[] hot, float[] probabilities) {
    INDArray last = forward(denseRows, hot);
    int n = (int) last.rows();
    int k = (int) last.columns();
    if (readBack.length < n * k) {
      readBack = new float[n * k];
    }
    float[] columns = readBack;
    last.data().asNio().asFloatBuffer().get(0, columns, 0, n * k); // column-major: the kept arrays are
    for (int r = 0; r < n; r++) {
      int row = r * k;
      for (int c = 0; c < k; c++) {
        probabilities[row + c] = columns[c * n + r];
      }
      if (softmaxLast) {
        softmax(probabilities, row, k);
      }
    }
  }

  /** Softmax of {@code k} values from {@code from} in place: exp(v - max) / sum. */
  private static void softmax(float[] values, int from, int k) {
    float max = Float.NEGATIVE_INFINITY;
    for (int c = from; c < from + k; c++) {
      max = Math.max(max, values[c]);
    }
    float sum = 0f;
    for (int c = from; c < from + k; c++) {
      values[c] = (float) Math.exp(values[c] - max);
      sum += values[c];
    }
    for (int c = from; c < from + k; c++) {
      values[c] /= sum;
    }
  }

  /** Layer {@code l}'s bias repeated over {@code n} rows, column-major (the layer's kept array), kept per size. */
  private float[] biasColumns(int l, int n) {
    float[][] kept = biasColumns.computeIfAbsent(n, rows -> new float[weights.length][]);
    if (kept[l] == null) {
      float[] bias = biases[l].toFloatVector();
      float[] columns = new float[n * bias.length];
      for (int u = 0; u < bias.length; u++) {
        java.util.Arrays.fill(columns, u * n, (u + 1) * n, bias[u]);
      }
      kept[l] = columns;
    }
    return kept[l];
  }

  /** Arrays by batch size, the least recently used dropped beyond {@link #KEPT_SIZES} sizes. */
  private static <V> Map<Integer, V> keptArrays() {
    return new LinkedHashMap<>(8, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
        return size() > KEPT_SIZES;
      }
    };
  }

  /** As {@link #activationArrays}, the first row-major: it is filled from the heap before the product adds to it. */
  private INDArray[] foldedActivationArrays(int rows) {
    INDArray[] arrays = activationArrays(rows);
    arrays[0] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {rows, weights[0].columns()}, 'c');
    return arrays;
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
