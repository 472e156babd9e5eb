package io.hotwatch.core.features;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What the feature encoder learned from the training rows, stored in the model metadata so that scoring encodes exactly
 * as training did.
 *
 * @param districts police districts with a one-hot slot, most frequent first; any other district shares one slot
 * @param locationTypes location descriptions with a one-hot slot, most frequent first; the rest share an "other" slot
 * @param categories the categories the beat profiles and the local history count, in the model's output order
 * @param beats per police beat with enough rows, its training rows per category in {@code categories} order
 * @param resolution H3 resolution of the cells the local history counts in (the baseline's)
 * @param areas H3 cells of resolution {@code resolution - }{@value #AREA_STEPS} with a one-hot slot, most frequent
 *     first; the rest share an "other" slot
 */
public record FeatureVocabulary(
    List<String> districts,
    List<String> locationTypes,
    List<String> categories,
    Map<String, List<Long>> beats,
    int resolution,
    List<String> areas) {

  /** How many location descriptions get their own slot (Chicago has ~140, the top 40 cover ~99% of rows). */
  public static final int DEFAULT_MAX_LOCATION_TYPES = 40;

  /** A value rarer than this share of training rows gets no slot: its weights could not be learned. */
  public static final double DEFAULT_MIN_SHARE = 0.0005;

  /** An area is the incident's cell's ancestor this many H3 resolutions up: 6 for cells of 8, about 36 km². */
  public static final int AREA_STEPS = 2;

  public FeatureVocabulary {
    districts = checked("district", districts, FeatureVocabulary::district);
    locationTypes = checked("location type", locationTypes, FeatureVocabulary::locationType);
    categories = checked("category", categories, String::trim);
    areas = checked("area", areas, String::trim);
    if (beats == null) {
      throw new IllegalArgumentException("beat list is missing");
    }
    Map<String, List<Long>> sorted = new TreeMap<>();
    for (Map.Entry<String, List<Long>> beat : beats.entrySet()) {
      if (beat.getValue() == null || beat.getValue().size() != categories.size()) {
        throw new IllegalArgumentException(
            "beat '" + beat.getKey() + "' has " + (beat.getValue() == null ? 0 : beat.getValue().size())
                + " counts for " + categories.size() + " categories");
      }
      sorted.put(beat(beat.getKey()), List.copyOf(beat.getValue()));
    }
    beats = java.util.Collections.unmodifiableMap(sorted);
    if (resolution - AREA_STEPS < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " is outside [" + AREA_STEPS + ", 15]");
    }
  }

  /**
   * Learns the vocabulary from training rows (their cells at the history's resolution): districts and areas with at
   * least {@code minShare} of the rows, the {@code maxLocationTypes} most frequent location types, the beats with at
   * least {@code minShare} of the rows and their counts of each of {@code categories}.
   */
  public static FeatureVocabulary learn(
      Collection<IncidentContext> rows, List<String> categories, int resolution, int maxLocationTypes,
      double minShare) {
    if (maxLocationTypes < 0) {
      throw new IllegalArgumentException("maxLocationTypes " + maxLocationTypes + " is negative");
    }
    long minCount = Math.max(1, (long) Math.ceil(minShare * rows.size()));
    List<Incident> incidents = rows.stream().map(IncidentContext::incident).toList();
    List<String> beatNames = frequent(incidents, i -> beat(i.beat()), Integer.MAX_VALUE, minCount);
    Map<String, Integer> categoryIndex = new HashMap<>();
    categories.forEach(c -> categoryIndex.put(c, categoryIndex.size()));
    Map<String, long[]> beatCounts = new HashMap<>();
    beatNames.forEach(b -> beatCounts.put(b, new long[categories.size()]));
    for (Incident incident : incidents) {
      long[] counts = beatCounts.get(beat(incident.beat()));
      Integer k = categoryIndex.get(incident.category());
      if (counts != null && k != null) {
        counts[k]++;
      }
    }
    Map<String, List<Long>> beats = new HashMap<>();
    beatCounts.forEach((b, counts) -> beats.put(b, java.util.Arrays.stream(counts).boxed().toList()));
    List<String> areaNames =
        frequent(
            rows, r -> CellIndex.parentOf(r.cell(), resolution - AREA_STEPS), Integer.MAX_VALUE, minCount);
    return new FeatureVocabulary(
        frequent(incidents, i -> district(i.district()), Integer.MAX_VALUE, minCount),
        frequent(incidents, i -> locationType(i.locationType()), maxLocationTypes, minCount),
        categories, beats, resolution, areaNames);
  }

  /** Learns the vocabulary with the default limits. */
  public static FeatureVocabulary learn(Collection<IncidentContext> rows, List<String> categories, int resolution) {
    return learn(rows, categories, resolution, DEFAULT_MAX_LOCATION_TYPES, DEFAULT_MIN_SHARE);
  }

  /** The key a district is looked up by: trimmed (the readers already normalise "016" to "16"). */
  static String district(String district) {
    return district == null ? "" : district.trim();
  }

  /** The key a beat is looked up by: trimmed. */
  static String beat(String beat) {
    return beat == null ? "" : beat.trim();
  }

  /** The key a location description is looked up by: trimmed, upper case. */
  static String locationType(String locationType) {
    return locationType == null ? "" : locationType.trim().toUpperCase(Locale.ROOT);
  }

  private static <T> List<String> frequent(Collection<T> rows, Function<T, String> key, int limit, long minCount) {
    Map<String, Long> counts = new HashMap<>();
    for (T row : rows) {
      String k = key.apply(row);
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
