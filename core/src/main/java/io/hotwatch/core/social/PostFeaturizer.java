package io.hotwatch.core.social;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Turns a post's text into the relevance model's fixed-width input vector: the one implementation used by training,
 * evaluation and scoring.
 *
 * <p>Layout of schema version {@value #SCHEMA_VERSION}: the {@link PostText} tokens give three kinds of feature, word
 * unigrams, word bigrams and character trigrams of each word (with {@code <} and {@code >} marking its ends, so that
 * misspellings and inflections share most trigrams). Each feature is hashed (MurmurHash3, 32 bits) into one of {@link
 * #width()} slots, with a sign taken from the hash so that colliding features tend to cancel rather than pile up. Each
 * kind is scaled to unit length on its own, so that the ~6 trigrams per word do not drown the words, and the three are
 * summed and divided by the square root of 3: every non-empty post has a vector of length about 1.
 *
 * <p>Changing any of this means raising {@link #SCHEMA_VERSION}: stored models refuse to load under another version.
 * Instances are immutable and thread-safe.
 */
public final class PostFeaturizer {

  public static final int SCHEMA_VERSION = 1;
  public static final int DEFAULT_WIDTH = 4096;
  static final int MIN_WIDTH = 64;
  static final int MAX_WIDTH = 1 << 20;
  private static final int SEED = 0x5eed;
  private static final int CHAR_GRAM = 3;
  private static final float KIND_SCALE = (float) (1 / Math.sqrt(3));

  private final int width;
  private final int mask;

  /** {@code width} must be a power of two in [{@value #MIN_WIDTH}, 2^20]. */
  public PostFeaturizer(int width) {
    if (width < MIN_WIDTH || width > MAX_WIDTH || Integer.bitCount(width) != 1) {
      throw new IllegalArgumentException(
          "feature width " + width + " is not a power of two in [" + MIN_WIDTH + ", " + MAX_WIDTH + "]");
    }
    this.width = width;
    this.mask = width - 1;
  }

  public int width() {
    return width;
  }

  /** One post's vector. */
  public float[] encode(String text) {
    float[] row = new float[width];
    encodeInto(text, row, 0, new float[width]);
    return row;
  }

  /** The vectors of several posts, row after row ({@code texts.size() * width()} values, row-major). */
  public float[] encodeAll(List<String> texts) {
    float[] rows = new float[texts.size() * width];
    float[] scratch = new float[width];
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new IllegalArgumentException("post text " + i + " of " + texts.size() + " is null");
      }
      encodeInto(text, rows, i * width, scratch);
    }
    return rows;
  }

  /** The hashed features of each kind, before scaling: words, bigrams, trigrams (for tests and inspection). */
  List<List<String>> features(String text) {
    List<String> tokens = PostText.tokens(text);
    List<String> words = new ArrayList<>(tokens.size());
    List<String> bigrams = new ArrayList<>(Math.max(0, tokens.size() - 1));
    List<String> trigrams = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      String token = tokens.get(i);
      // prefixes keep the kinds apart: the word "the" and the trigram "the" are different features
      words.add("w " + token);
      if (i + 1 < tokens.size()) {
        bigrams.add("b " + token + " " + tokens.get(i + 1));
      }
      if (!PostText.isPlaceholder(token)) {
        int[] points = ("<" + token + ">").codePoints().toArray();
        for (int start = 0; start + CHAR_GRAM <= points.length; start++) {
          trigrams.add("c " + new String(points, start, CHAR_GRAM));
        }
      }
    }
    return List.of(words, bigrams, trigrams);
  }

  private void encodeInto(String text, float[] dest, int offset, float[] scratch) {
    for (List<String> kind : features(text)) {
      if (kind.isEmpty()) {
        continue;
      }
      int[] slots = new int[kind.size()];
      for (int i = 0; i < slots.length; i++) {
        byte[] bytes = kind.get(i).getBytes(StandardCharsets.UTF_8);
        int hash = MurmurHash3.hash32x86(bytes, 0, bytes.length, SEED);
        slots[i] = hash & mask;
        // the top bit is independent of the low bits that pick the slot
        scratch[slots[i]] += hash < 0 ? -1f : 1f;
      }
      // each slot's sum is taken once, at its first occurrence, and cleared from the scratch row as it is taken
      int taken = 0;
      float[] sums = new float[slots.length];
      double squares = 0;
      for (int slot : slots) {
        float sum = scratch[slot];
        if (sum != 0f) {
          squares += sum * sum;
          slots[taken] = slot;
          sums[taken++] = sum;
          scratch[slot] = 0f;
        }
      }
      float scale = squares == 0 ? 0f : (float) (KIND_SCALE / Math.sqrt(squares));
      for (int k = 0; k < taken; k++) {
        dest[offset + slots[k]] += sums[k] * scale;
      }
    }
  }
}
