package io.hotwatch.core.source;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * One shared String per distinct value of a low-cardinality column (category, beat, district...), looked up from the
 * parser's characters, so that a row costs no new String for them and a year of incidents holds each value once.
 */
final class TextPool {

  /** Beyond this many values a column is not low-cardinality: new values are then returned without pooling. */
  private static final int MAX_VALUES = 1 << 14;

  private final UnaryOperator<String> derive;
  // open addressing; a value's text is kept as characters, which compare far faster than a String's
  private char[][] keys = new char[256][];
  private int[] hashes = new int[256];
  private String[] values = new String[256];
  private int size;

  /** {@code derive} turns a column's text into the value kept for it (e.g. a district without leading zeros). */
  TextPool(UnaryOperator<String> derive) {
    this.derive = derive;
  }

  TextPool() {
    this(UnaryOperator.identity());
  }

  /** The value for the text {@code chars[from, to)}. */
  String get(char[] chars, int from, int to) {
    int hash = 0;
    for (int i = from; i < to; i++) {
      hash = 31 * hash + chars[i];
    }
    int mask = keys.length - 1;
    int slot = mix(hash) & mask;
    while (keys[slot] != null) {
      if (hashes[slot] == hash && Arrays.equals(keys[slot], 0, keys[slot].length, chars, from, to)) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    String value = derive.apply(new String(chars, from, to - from));
    if (size >= MAX_VALUES) {
      return value;
    }
    keys[slot] = Arrays.copyOfRange(chars, from, to);
    hashes[slot] = hash;
    values[slot] = value;
    if (++size * 2 > keys.length) {
      grow();
    }
    return value;
  }

  private static int mix(int hash) {
    return hash ^ (hash >>> 16);
  }

  private void grow() {
    char[][] oldKeys = keys;
    int[] oldHashes = hashes;
    String[] oldValues = values;
    keys = new char[oldKeys.length * 2][];
    hashes = new int[oldKeys.length * 2];
    values = new String[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = mix(oldHashes[i]) & mask;
        while (keys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = oldKeys[i];
        hashes[slot] = oldHashes[i];
        values[slot] = oldValues[i];
      }
    }
  }
}
