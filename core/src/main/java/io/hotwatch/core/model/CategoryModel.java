package io.hotwatch.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.json.EventCodec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained incident-category classifier: the network, the normaliser fitted with it and its metadata, as stored in a
 * model artifact directory ({@value #NETWORK_FILE}, {@value #METADATA_FILE}; the artifact's {@value #BASELINE_FILE} is
 * read by {@link BaselineRates}).
 *
 * <p>Scoring reuses its buffers from one batch to the next (input rows on the heap, an input array per recent batch
 * size) and copies in and out in bulk: creating, copying and reading ND4J arrays per batch cost about 1 ms of CPU per
 * 1,024 rows here, a quarter of what the network took. A network of dense layers is fed compact rows: the dense
 * features as floats and the one-hot groups as the index of their hot feature, which the first layer looks up
 * ({@link DenseForwardPass#foldOneHot}); {@link #inputRows} gives the full rows those stand for.
 *
 * <p>Not thread-safe (the network and those buffers keep per-call state): use one instance per thread or operator.
 */
public final class CategoryModel {

  public static final String NETWORK_FILE = "model.zip";
  public static final String METADATA_FILE = "metadata.json";
  public static final String BASELINE_FILE = "baseline.json";

  /** Input arrays kept for this many batch sizes: a stream's batches are mostly full, the rest of a few sizes. */
  private static final int KEPT_INPUT_SIZES = 4;

  private final MultiLayerNetwork network;
  private final NormalizerStandardize normalizer;
  private final ModelMetadata metadata;
  private final FeatureEncoder encoder;
  private final NetworkInput input;
  private final DenseForwardPass forwardPass;
  private final Map<Integer, INDArray> inputArrays = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, INDArray> eldest) {
      return size() > KEPT_INPUT_SIZES;
    }
  };
  private final Map<Integer, INDArray> denseArrays = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Integer, INDArray> eldest) {
      return size() > KEPT_INPUT_SIZES;
    }
  };
  private float[] rows = new float[0];
  private float[] denseRows = new float[0];
  private int[] hot = new int[0];

  /** Wraps a trained network; its input width and output count must match the metadata. */
  public CategoryModel(MultiLayerNetwork network, NormalizerStandardize normalizer, ModelMetadata metadata) {
    this.network = network;
    this.normalizer = normalizer;
    this.metadata = metadata;
    this.encoder = new FeatureEncoder(metadata.vocabulary());
    int inputs = network.layerInputSize(0);
    int outputs = network.layerSize(network.getnLayers() - 1);
    if (inputs != encoder.width()) {
      throw new IllegalArgumentException(
          "network takes " + inputs + " features, the vocabulary encodes " + encoder.width());
    }
    if (outputs != metadata.categories().size()) {
      throw new IllegalArgumentException(
          "network has " + outputs + " outputs for " + metadata.categories().size() + " categories");
    }
    this.input = NetworkInput.of(encoder, normalizer);
    this.forwardPass = DenseForwardPass.of(network);
    if (forwardPass != null) {
      forwardPass.foldOneHot(input);
    }
  }

  /** Loads the model of an artifact directory, refusing one written under another feature schema. */
  public static CategoryModel load(Path dir) throws IOException {
    Path metadataFile = dir.resolve(METADATA_FILE);
    Path networkFile = dir.resolve(NETWORK_FILE);
    for (Path required : List.of(metadataFile, networkFile)) {
      if (!Files.isRegularFile(required)) {
        throw new IOException("model at " + dir + " has no " + required.getFileName());
      }
    }
    ObjectMapper mapper = EventCodec.newObjectMapper();
    JsonNode tree;
    try {
      tree = mapper.readTree(metadataFile.toFile());
    } catch (IOException e) {
      throw new IOException("model at " + dir + " has an unreadable " + METADATA_FILE + ": " + e.getMessage(), e);
    }
    // the version is checked before binding the rest: another schema may store another vocabulary shape
    int version = tree.path("featureSchemaVersion").asInt(-1);
    if (version != FeatureEncoder.SCHEMA_VERSION) {
      throw new IOException(
          "model at " + dir + " has feature schema version " + version + ", this build reads " + FeatureEncoder.SCHEMA_VERSION
              + ": retrain it with `hotwatch train`");
    }
    ModelMetadata metadata;
    try {
      metadata = mapper.treeToValue(tree, ModelMetadata.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("model at " + dir + " has an invalid " + METADATA_FILE + ": " + e.getMessage(), e);
    }
    Pair<MultiLayerNetwork, Normalizer> restored;
    try {
      restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(networkFile.toFile(), false);
    } catch (IOException | RuntimeException e) {
      throw new IOException("model at " + dir + " has an unreadable " + NETWORK_FILE + ": " + e.getMessage(), e);
    }
    if (!(restored.getSecond() instanceof NormalizerStandardize normalizer)) {
      throw new IOException(
          "model at " + dir + " has no feature standardiser in " + NETWORK_FILE
              + (restored.getSecond() == null
                  ? ""
                  : " (it has a " + restored.getSecond().getClass().getSimpleName() + ")"));
    }
    try {
      return new CategoryModel(restored.getFirst(), normalizer, metadata);
    } catch (IllegalArgumentException e) {
      throw new IOException("model at " + dir + " does not match its metadata: " + e.getMessage(), e);
    }
  }

  /** Writes {@value #NETWORK_FILE} (network and normaliser) and {@value #METADATA_FILE} into {@code dir}. */
  public void save(Path dir) throws IOException {
    Files.createDirectories(dir);
    File networkFile = dir.resolve(NETWORK_FILE).toFile();
    // writeModel(..., normalizer) fails in DL4J 1.0.0-M2.1 (deeplearning4j#7214, #10154: it flushes a stream the
    // normaliser serializer already closed); adding the normaliser in a second step is the path DL4J's tests cover
    ModelSerializer.writeModel(network, networkFile, false);
    ModelSerializer.addNormalizerToModel(networkFile, normalizer);
    EventCodec.newObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve(METADATA_FILE).toFile(), metadata);
  }

  /** The DL4J network (for a second forward pass in benchmarks and tests; scoring goes through this model). */
  MultiLayerNetwork network() {
    return network;
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  /** Output order of {@link #predict}: CrimeCategory names. */
  public List<String> categories() {
    return metadata.categories();
  }

  public FeatureEncoder encoder() {
    return encoder;
  }

  /** What the network is fed: the encoder's features, standardised as in training. */
  public NetworkInput input() {
    return input;
  }

  /** The local history this model's features count: its categories, at its cells' resolution. */
  public LocalHistory history() {
    return encoder.history();
  }

  /**
   * The incidents in their context, taking the list as the whole history in time order: each incident's local history
   * counts the incidents before it in the list, none before the list.
   */
  public List<IncidentContext> contexts(List<Incident> incidents) {
    return encoder.history().sequence().next(incidents);
  }

  /**
   * One row of category probabilities per incident, in {@link #categories()} order, with the local history of
   * {@link #contexts}: the list is taken as the whole history. One network call.
   */
  public float[][] predict(List<Incident> incidents) {
    return predictInContext(contexts(incidents));
  }

  /** One row of category probabilities per incident in context, in {@link #categories()} order; one network call. */
  public float[][] predictInContext(List<IncidentContext> batch) {
    int categories = categories().size();
    float[] flat = new float[batch.size() * categories];
    predictInContext(batch, flat);
    float[][] rows = new float[batch.size()][categories];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(flat, i * categories, rows[i], 0, categories);
    }
    return rows;
  }

  /**
   * Writes the batch's category probabilities into {@code probabilities}, row after row ({@link #categories()} per
   * incident) from index 0; one network call per batch.
   */
  public void predictInContext(List<IncidentContext> batch, float[] probabilities) {
    requireRoom(batch.size(), probabilities);
    writeCompactRows(batch);
    scoreCompact(denseRows, hot, batch.size(), probabilities);
  }

  private void requireRoom(int n, float[] probabilities) {
    int categories = categories().size();
    if (probabilities.length < n * categories) {
      throw new IndexOutOfBoundsException(
          n + " rows of " + categories + " probabilities do not fit " + probabilities.length + " floats");
    }
  }

  /**
   * A batch to fill row by row and score in one network call: the stream's scorer writes each incident's features,
   * local history included, straight into its row ({@link ScoringBatch#add}). Belongs to this model (not thread-safe
   * either).
   */
  public ScoringBatch newBatch(int capacity) {
    return new ScoringBatch(this, capacity);
  }

  /**
   * Scores the first {@code n} compact rows ({@link NetworkInput#writeCompact}: standardised dense features and the
   * hot one-hot features' indexes) into {@code probabilities}, row after row; one network call.
   */
  void scoreCompact(float[] dense, int[] hotFeatures, int n, float[] probabilities) {
    requireRoom(n, probabilities);
    if (n == 0) {
      return;
    }
    if (forwardPass != null) {
      synchronized (NativeCalls.LOCK) {
        forwardPass.output(fillDense(dense, n), hotFeatures, probabilities);
      }
      return;
    }
    // a network the forward pass does not handle takes the full rows the compact ones stand for
    int needed = n * encoder.width();
    if (rows.length < needed) {
      rows = new float[needed];
    }
    input.expandCompact(dense, hotFeatures, n, rows);
    synchronized (NativeCalls.LOCK) {
      copyRowMajor(output(fillInput(n)), probabilities);
    }
  }

  /** Encodes and standardises the batch into the compact heap buffers (outside the lock, as {@link #writeRows}). */
  private void writeCompactRows(List<IncidentContext> batch) {
    int needed = batch.size() * encoder.denseWidth();
    if (denseRows.length < needed) {
      denseRows = new float[needed];
      hot = new int[batch.size() * FeatureEncoder.ONE_HOT_GROUPS];
    }
    input.writeCompact(batch, denseRows, hot);
  }

  /** The first {@code n} compact dense rows of {@code dense} in the kept array of that size; the caller holds the lock. */
  private INDArray fillDense(float[] dense, int n) {
    int width = encoder.denseWidth();
    INDArray features = denseArrays.computeIfAbsent(n, size -> Nd4j.createUninitialized(DataType.FLOAT, size, width));
    features.data().asNio().asFloatBuffer().put(dense, 0, n * width);
    return features;
  }

  /**
   * A copy of the rows the network takes for this batch, row after row: the encoder's full rows, standardised. A
   * dense network is fed their compact form ({@link NetworkInput#writeCompact}), the same values.
   */
  public float[] inputRows(List<IncidentContext> batch) {
    if (batch.isEmpty()) {
      return new float[0];
    }
    writeRows(batch);
    synchronized (NativeCalls.LOCK) {
      return fillInput(batch.size()).data().asFloat();
    }
  }

  /** Encodes and standardises the batch into the heap buffer (no ND4J call: done outside the lock). */
  private void writeRows(List<IncidentContext> batch) {
    int needed = batch.size() * encoder.width();
    if (rows.length < needed) {
      rows = new float[needed];
    }
    input.write(batch, rows);
  }

  /** The first {@code n} rows of the heap buffer in the kept input array of that size; the caller holds the lock. */
  private INDArray fillInput(int n) {
    int width = encoder.width();
    INDArray features = inputArrays.computeIfAbsent(n, size -> Nd4j.createUninitialized(DataType.FLOAT, size, width));
    // one bulk copy each way through the arrays' native buffers; Nd4j.create(float[]) and toFloatMatrix() copy slowly
    features.data().asNio().asFloatBuffer().put(rows, 0, n * width);
    return features;
  }

  /**
   * The network's probabilities for rows built by {@link #input()}, one row per incident, as an ND4J array that may be
   * reused by the next call.
   */
  public INDArray output(INDArray inputRows) {
    synchronized (NativeCalls.LOCK) {
      return forwardPass != null ? forwardPass.output(inputRows) : network.output(inputRows, false);
    }
  }

  /**
   * Copies the array's values into {@code out} in row-major order, straight from its buffer where it can; the caller
   * holds the lock.
   */
  private static void copyRowMajor(INDArray array, float[] out) {
    int rows = (int) array.rows();
    int columns = (int) array.columns();
    if (array.isView() || array.dataType() != DataType.FLOAT || array.rank() != 2) {
      array = array.castTo(DataType.FLOAT).dup('c');
    }
    FloatBuffer values = array.data().asNio().asFloatBuffer();
    if (array.ordering() == 'c') {
      values.get(out, 0, rows * columns);
      return;
    }
    for (int c = 0; c < columns; c++) {
      for (int r = 0; r < rows; r++) {
        out[r * columns + c] = values.get(c * rows + r);
      }
    }
  }
}
