package io.hotwatch.training.compare;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.LocalHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Incidents encoded by the category network's {@link FeatureEncoder}, one feature row and one category index each.
 *
 * @param features one row per incident, as the encoder writes it (not standardised)
 * @param labels index of each incident's category in the model's category order
 */
record EncodedRows(float[][] features, int[] labels) {

  /**
   * Encodes the incidents whose category is in {@code categoryIndex}, the others left out; the local history runs over
   * all of them in time order, starting empty, as {@code train} and {@code evaluate} build it.
   */
  static EncodedRows encode(FeatureEncoder encoder, List<Incident> incidents, Map<String, Integer> categoryIndex) {
    List<float[]> rows = new ArrayList<>(incidents.size());
    List<Integer> labels = new ArrayList<>(incidents.size());
    LocalHistory.Sequence history = encoder.history().sequence();
    for (Incident incident : incidents) {
      IncidentContext context = history.next(incident);
      Integer label = categoryIndex.get(incident.category());
      if (label != null) {
        rows.add(encoder.encode(context));
        labels.add(label);
      }
    }
    return new EncodedRows(rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  int size() {
    return labels.length;
  }

  int width() {
    return features.length == 0 ? 0 : features[0].length;
  }

  /** Rows [from, to) in their order. */
  EncodedRows slice(int from, int to) {
    int[] picked = IntStream.range(from, to).toArray();
    return pick(picked);
  }

  /** A uniform random sample without replacement of at most {@code rows} rows, fixed by the seed; all rows if fewer. */
  EncodedRows sample(int rows, long seed) {
    if (rows >= size()) {
      return this;
    }
    int[] order = IntStream.range(0, size()).toArray();
    SplittableRandom random = new SplittableRandom(seed);
    // partial Fisher-Yates: the first `rows` places end up a uniform sample
    for (int i = 0; i < rows; i++) {
      int j = i + random.nextInt(size() - i);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int[] picked = Arrays.copyOf(order, rows);
    Arrays.sort(picked);
    return pick(picked);
  }

  private EncodedRows pick(int[] picked) {
    float[][] f = new float[picked.length][];
    int[] l = new int[picked.length];
    for (int i = 0; i < picked.length; i++) {
      f[i] = features[picked[i]];
      l[i] = labels[picked[i]];
    }
    return new EncodedRows(f, l);
  }
}
