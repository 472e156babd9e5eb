package io.hotwatch.core.social;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stored relevance model is and how it was made; {@code relevance.json} of a relevance-model artifact.
 *
 * @param featureSchemaVersion the {@link PostFeaturizer#SCHEMA_VERSION} it was trained with
 * @param featureWidth the featuriser's width, the network's input size
 * @param threshold a post is relevant when its score is at least this; chosen on the validation events
 * @param thresholdRule how the threshold was chosen, in one line
 * @param labels how the annotators' labels became the binary target, in one line
 * @param trainingEvents the crisis events the weights were fitted on
 * @param validationEvents whole events held out of fitting, used to stop training and choose the threshold
 * @param heldOutEvents whole events kept out of training and validation, for evaluation only
 * @param trainingPosts posts the network was fitted on
 * @param validationPosts posts of the validation events
 * @param metrics figures measured at training time, e.g. {@code validationF1}
 * @param network a one-line description of the network and how it was trained
 * @param networkSha256 SHA-256 (hex) of the network file; {@link RelevanceModel#load} refuses a file that differs
 */
public record RelevanceMetadata(
    int featureSchemaVersion,
    int featureWidth,
    double threshold,
    String thresholdRule,
    String labels,
    List<String> trainingEvents,
    List<String> validationEvents,
    List<String> heldOutEvents,
    long trainingPosts,
    long validationPosts,
    Map<String, Double> metrics,
    String network,
    String networkSha256) {

  public RelevanceMetadata {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold " + threshold + " is outside [0, 1]");
    }
    trainingEvents = trainingEvents == null ? List.of() : List.copyOf(trainingEvents);
    validationEvents = validationEvents == null ? List.of() : List.copyOf(validationEvents);
    heldOutEvents = heldOutEvents == null ? List.of() : List.copyOf(heldOutEvents);
    // sorted, so that the file reads the same from one training run to the next
    metrics = metrics == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
  }

  /** The same metadata for a network file with this checksum. */
  public RelevanceMetadata withNetworkSha256(String sha256) {
    return new RelevanceMetadata(
        featureSchemaVersion, featureWidth, threshold, thresholdRule, labels, trainingEvents, validationEvents,
        heldOutEvents, trainingPosts, validationPosts, metrics, network, sha256);
  }
}
