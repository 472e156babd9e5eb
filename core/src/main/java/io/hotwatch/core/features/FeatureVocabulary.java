package io.hotwatch.core.features;

import io.hotwatch.core.event.Incident;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The categorical values the feature encoder gives a slot of their own, learned from training data and stored in the
 * model metadata so that scoring encodes exactly as training did.
 *
 * @param districts police districts with a one-hot slot, most frequent first; any other district shares one slot
 * @param locationTypes location descriptions with a one-hot slot, most frequent first; the rest share an "other" slot
 */
public record FeatureVocabulary(List<String> districts, List<String> locationTypes) {

  /** How many location descriptions get their own slot (Chicago has ~140, the top 40 cover ~99% of rows). */
  public static final int DEFAULT_MAX_LOCATION_TYPES = 40;

  /** A value rarer than this share of training rows gets no slot: its weights could not be learned. */
  public static final double DEFAULT_MIN_SHARE = 0.0005;

  public FeatureVocabulary {
    districts = checked("district", districts, FeatureVocabulary::district);
    locationTypes = checked("location type", locationTypes, FeatureVocabulary::locationType);
  }

  /** Learns the vocabulary from training incidents. */
  public static FeatureVocabulary learn(Collection<Incident> incidents, int maxLocationTypes, double minShare) {
    if (maxLocationTypes < 0) {
      throw new IllegalArgumentException("maxLocationTypes " + maxLocationTypes + " is negative");
    }
    long minCount = Math.max(1, (long) Math.ceil(minShare * incidents.size()));
    return new FeatureVocabulary(
        frequent(incidents, i -> district(i.district()), Integer.MAX_VALUE, minCount),
        frequent(incidents, i -> locationType(i.locationType()), maxLocationTypes, minCount));
  }

  /** Learns the vocabulary with the default limits. */
  public static FeatureVocabulary learn(Collection<Incident> incidents) {
    return learn(incidents, DEFAULT_MAX_LOCATION_TYPES, DEFAULT_MIN_SHARE);
  }

  /** The key a district is looked up by: trimmed (the readers already normalise "016" to "16"). */
  static String district(String district) {
    return district == null ? "" : district.trim();
  }

  /** The key a location description is looked up by: trimmed, upper case. */
  static String locationType(String locationType) {
    return locationType == null ? "" : locationType.trim().toUpperCase(Locale.ROOT);
  }

  private static List<String> frequent(
      Collection<Incident> incidents, Function<Incident, String> key, int limit, long minCount) {
    Map<String, Long> counts = new HashMap<>();
    for (Incident incident : incidents) {
      String k = key.apply(incident);
      if (!k.isEmpty()) {
        counts.merge(k, 1L, Long::sum);
      }
    }
    return counts.entrySet().stream()
        .filter(e -> e.getValue() >= minCount)
        // ties broken by name so that the same data always gives the same vocabulary
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** Values in their lookup form, so that a hand-made vocabulary matches what the encoder looks up. */
  private static List<String> checked(String what, List<String> values, Function<String, String> key) {
    if (values == null) {
      throw new IllegalArgumentException(what + " list is missing");
    }
    var seen = new LinkedHashSet<String>();
    for (String v : values) {
      String k = key.apply(v);
      if (k.isEmpty()) {
        throw new IllegalArgumentException(what + " '" + v + "' is blank");
      }
      if (!seen.add(k)) {
        throw new IllegalArgumentException(what + " '" + v + "' appears twice");
      }
    }
    return List.copyOf(seen);
  }
}
