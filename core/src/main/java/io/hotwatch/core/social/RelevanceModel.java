package io.hotwatch.core.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.NativeCalls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained social-post relevance classifier (crisis-related or not): the network and its metadata, as stored in an
 * artifact directory ({@value #NETWORK_FILE}, {@value #METADATA_FILE}).
 *
 * <p>Scores are the network's probability that a post is related; {@link #isRelevant} applies the threshold chosen at
 * training. Not thread-safe (the network keeps per-call state): hold one instance per thread or operator and score
 * posts in batches, as one network call per post costs far more than one per thousand.
 */
public final class RelevanceModel {

  public static final String NETWORK_FILE = "relevance-network.zip";
  public static final String METADATA_FILE = "relevance.json";

  /** Posts per network call: bounds the input array at 4 MB per 1,024 posts for the default width. */
  static final int SCORING_BATCH = 1024;

  private final MultiLayerNetwork network;
  private final RelevanceMetadata metadata;
  private final PostFeaturizer featurizer;

  /** Wraps a trained network: one sigmoid output, inputs as wide as the metadata's feature width. */
  public RelevanceModel(MultiLayerNetwork network, RelevanceMetadata metadata) {
    if (metadata.featureSchemaVersion() != PostFeaturizer.SCHEMA_VERSION) {
      throw new IllegalArgumentException(
          "feature schema version " + metadata.featureSchemaVersion() + ", this build encodes "
              + PostFeaturizer.SCHEMA_VERSION);
    }
    this.featurizer = new PostFeaturizer(metadata.featureWidth());
    int inputs = network.layerInputSize(0);
    int outputs = network.layerSize(network.getnLayers() - 1);
    if (inputs != featurizer.width()) {
      throw new IllegalArgumentException(
          "network takes " + inputs + " inputs, the metadata's feature width is " + featurizer.width());
    }
    if (outputs != 1) {
      throw new IllegalArgumentException("network has " + outputs + " outputs, a relevance model has 1");
    }
    this.network = network;
    this.metadata = metadata;
  }

  /**
   * Loads an artifact, refusing one written under another feature schema or whose network file does not match the
   * checksum in its metadata (a partial copy, a file from another training run).
   */
  public static RelevanceModel load(Path dir) throws IOException {
    Path metadataFile = dir.resolve(METADATA_FILE);
    Path networkFile = dir.resolve(NETWORK_FILE);
    for (Path required : List.of(metadataFile, networkFile)) {
      if (!Files.isRegularFile(required)) {
        throw new IOException("relevance model at " + dir + " has no " + required.getFileName());
      }
    }
    ObjectMapper mapper = EventCodec.newObjectMapper();
    JsonNode tree;
    try {
      tree = mapper.readTree(metadataFile.toFile());
    } catch (IOException e) {
      throw new IOException(
          "relevance model at " + dir + " has an unreadable " + METADATA_FILE + ": " + e.getMessage(), e);
    }
    // checked before binding the rest: another schema may store other fields
    int version = tree.path("featureSchemaVersion").asInt(-1);
    if (version != PostFeaturizer.SCHEMA_VERSION) {
      throw new IOException(
          "relevance model at " + dir + " has feature schema version " + version + ", this build reads "
              + PostFeaturizer.SCHEMA_VERSION);
    }
    RelevanceMetadata metadata;
    try {
      metadata = mapper.treeToValue(tree, RelevanceMetadata.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException(
          "relevance model at " + dir + " has an invalid " + METADATA_FILE + ": " + e.getMessage(), e);
    }
    String actual = sha256(networkFile);
    if (metadata.networkSha256() == null || !metadata.networkSha256().equalsIgnoreCase(actual)) {
      throw new IOException(
          "relevance model at " + dir + ": " + NETWORK_FILE + " has SHA-256 " + actual + ", " + METADATA_FILE
              + " expects " + metadata.networkSha256());
    }
    MultiLayerNetwork network;
    try {
      network = ModelSerializer.restoreMultiLayerNetwork(networkFile.toFile(), false);
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "relevance model at " + dir + " has an unreadable " + NETWORK_FILE + ": " + e.getMessage(), e);
    }
    try {
      return new RelevanceModel(network, metadata);
    } catch (IllegalArgumentException e) {
      throw new IOException("relevance model at " + dir + " does not match its metadata: " + e.getMessage(), e);
    }
  }

  /**
   * Writes {@value #NETWORK_FILE} and {@value #METADATA_FILE} (with the network file's checksum) into {@code dir}.
   *
   * @return the metadata as written
   */
  public RelevanceMetadata save(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path networkFile = dir.resolve(NETWORK_FILE);
    ModelSerializer.writeModel(network, networkFile.toFile(), false);
    RelevanceMetadata written = metadata.withNetworkSha256(sha256(networkFile));
    EventCodec.newObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve(METADATA_FILE).toFile(), written);
    return written;
  }

  public RelevanceMetadata metadata() {
    return metadata;
  }

  public PostFeaturizer featurizer() {
    return featurizer;
  }

  public double threshold() {
    return metadata.threshold();
  }

  /** The probability that each post is related, in input order; one network call per {@value #SCORING_BATCH} posts. */
  public float[] score(List<String> texts) {
    float[] scores = new float[texts.size()];
    for (int start = 0; start < texts.size(); start += SCORING_BATCH) {
      List<String> batch = texts.subList(start, Math.min(texts.size(), start + SCORING_BATCH));
      float[] out = scoreEncoded(featurizer.encodeAll(batch), batch.size());
      System.arraycopy(out, 0, scores, start, out.length);
    }
    return scores;
  }

  /** Scores rows already encoded by {@link #featurizer()} ({@code rows * width} values, row-major). */
  public float[] scoreEncoded(float[] features, int rows) {
    if (rows == 0) {
      return new float[0];
    }
    // the category model may score in another thread of the same JVM: ND4J's native caches need them to take turns
    synchronized (NativeCalls.LOCK) {
      INDArray input = Nd4j.create(features, new long[] {rows, featurizer.width()}, 'c');
      return network.output(input, false).dup('c').data().asFloat();
    }
  }

  /** True when a score reaches the model's threshold. */
  public boolean isRelevant(float score) {
    return score >= metadata.threshold();
  }

  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return DigestUtils.sha256Hex(in);
    }
  }
}
