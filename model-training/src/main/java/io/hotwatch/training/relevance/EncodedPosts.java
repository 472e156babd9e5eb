package io.hotwatch.training.relevance;

import io.hotwatch.core.social.PostFeaturizer;
import java.util.List;

/**
 * Training posts encoded once by the {@link PostFeaturizer} and kept sparse: a post has some 100 non-zero slots of
 * 4,096, and 20,000 dense rows would take 330 MB of heap.
 */
final class EncodedPosts {

  private final int[][] slots;
  private final float[][] values;
  private final boolean[] related;

  EncodedPosts(PostFeaturizer featurizer, List<LabelledText> posts) {
    slots = new int[posts.size()][];
    values = new float[posts.size()][];
    related = new boolean[posts.size()];
    for (int i = 0; i < posts.size(); i++) {
      float[] row = featurizer.encode(posts.get(i).text());
      int nonZero = 0;
      for (float v : row) {
        nonZero += v != 0f ? 1 : 0;
      }
      slots[i] = new int[nonZero];
      values[i] = new float[nonZero];
      for (int slot = 0, k = 0; slot < row.length; slot++) {
        if (row[slot] != 0f) {
          slots[i][k] = slot;
          values[i][k++] = row[slot];
        }
      }
      related[i] = posts.get(i).related();
    }
  }

  int size() {
    return related.length;
  }

  boolean related(int row) {
    return related[row];
  }

  /** Writes the row's dense vector at {@code offset} of a zeroed array. */
  void copyRow(int row, float[] dest, int offset) {
    int[] s = slots[row];
    float[] v = values[row];
    for (int k = 0; k < s.length; k++) {
      dest[offset + s[k]] = v[k];
    }
  }
}
