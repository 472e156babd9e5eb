package io.hotwatch.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.json.EventCodec;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.Normalizer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained incident-category classifier: the network, the normaliser fitted with it and its metadata, as stored in a
 * model artifact directory ({@value #NETWORK_FILE}, {@value #METADATA_FILE}; the artifact's {@value #BASELINE_FILE} is
 * read by {@link BaselineRates}).
 *
 * <p>Not thread-safe (the network keeps per-call state): use one instance per thread or operator.
 */
public final class CategoryModel {

  public static final String NETWORK_FILE = "model.zip";
  public static final String METADATA_FILE = "metadata.json";
  public static final String BASELINE_FILE = "baseline.json";

  private final MultiLayerNetwork network;
  private final DataNormalization normalizer;
  private final ModelMetadata metadata;
  private final FeatureEncoder encoder;

  /** Wraps a trained network; its input width and output count must match the metadata. */
  public CategoryModel(MultiLayerNetwork network, DataNormalization normalizer, ModelMetadata metadata) {
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
          "model at " + dir + " has feature schema version " + version + ", this build reads " + FeatureEncoder.SCHEMA_VERSION);
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
    if (!(restored.getSecond() instanceof DataNormalization normalizer)) {
      throw new IOException("model at " + dir + " has no feature normaliser in " + NETWORK_FILE);
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

  /** One row of category probabilities per incident, in {@link #categories()} order; one network call per batch. */
  public float[][] predict(List<Incident> batch) {
    if (batch.isEmpty()) {
      return new float[0][];
    }
    int width = encoder.width();
    float[] features = new float[batch.size() * width];
    for (int i = 0; i < batch.size(); i++) {
      encoder.encode(batch.get(i), features, i * width);
    }
    float[] flat;
    synchronized (NativeCalls.LOCK) {
      INDArray output = predictEncoded(Nd4j.create(features, new long[] {batch.size(), width}, 'c'));
      // one bulk copy: INDArray.toFloatMatrix() reads row by row and costs more than the network call itself
      flat = output.dup('c').data().asFloat();
    }
    int categories = categories().size();
    float[][] rows = new float[batch.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(flat, i * categories, (i + 1) * categories);
    }
    return rows;
  }

  /**
   * Probabilities for rows already encoded by {@link #encoder()} (not normalised); {@code features} is left unchanged.
   */
  public INDArray predictEncoded(INDArray features) {
    synchronized (NativeCalls.LOCK) {
      INDArray normalised = features.dup();
      normalizer.transform(normalised);
      return network.output(normalised, false);
    }
  }
}
