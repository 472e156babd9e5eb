package io.hotwatch.core.model;

import io.hotwatch.core.features.FeatureVocabulary;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a stored model was trained on and how well it did; metadata.json of a model artifact.
 *
 * @param featureSchemaVersion the {@link io.hotwatch.core.features.FeatureEncoder#SCHEMA_VERSION} it was trained with
 * @param categories the network's outputs in order, {@link io.hotwatch.core.taxonomy.CrimeCategory} names
 * @param classPrior share of each category among the training rows, in {@code categories} order
 * @param vocabulary the feature encoder's vocabulary
 * @param trainedFrom first incident time of the training data (ISO-8601 instant)
 * @param trainedTo last incident time of the training data (ISO-8601 instant)
 * @param trainingRows rows the network was fitted on
 * @param validationRows the latest rows by time, held out to pick the epoch and report the metrics
 * @param metrics figures measured at training time, e.g. {@code validationLogLoss}
 * @param network a one-line description of the network and how it was trained
 * @param inputs file names the model was trained from
 */
public record ModelMetadata(
    int featureSchemaVersion,
    List<String> categories,
    List<Double> classPrior,
    FeatureVocabulary vocabulary,
    String trainedFrom,
    String trainedTo,
    long trainingRows,
    long validationRows,
    Map<String, Double> metrics,
    String network,
    List<String> inputs) {

  public ModelMetadata {
    if (categories == null || categories.isEmpty()) {
      throw new IllegalArgumentException("categories are missing");
    }
    if (classPrior == null || classPrior.size() != categories.size()) {
      throw new IllegalArgumentException(
          "classPrior has " + (classPrior == null ? 0 : classPrior.size()) + " entries for " + categories.size() + " categories");
    }
    if (vocabulary == null) {
      throw new IllegalArgumentException("vocabulary is missing");
    }
    categories = List.copyOf(categories);
    classPrior = List.copyOf(classPrior);
    // sorted, so that metadata.json reads the same from one training run to the next
    metrics = metrics == null ? Map.of() : Collections.unmodifiableSortedMap(new TreeMap<>(metrics));
    inputs = inputs == null ? List.of() : List.copyOf(inputs);
  }
}
