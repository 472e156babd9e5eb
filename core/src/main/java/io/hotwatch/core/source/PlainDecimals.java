package io.hotwatch.core.source;

/**
 * Reads a plain decimal ({@code -87.629798}: an optional minus, at most 15 digits, an optional point) straight from
 * characters, giving exactly what {@link Double#parseDouble} gives: the digits and the power of ten are both exact
 * doubles, and one IEEE division rounds correctly. Anything else answers NaN, for the caller to use parseDouble.
 */
final class PlainDecimals {

  private static final int MAX_DIGITS = 15; // 10^15 < 2^53: the digits are an exact double
  private static final double[] POWERS_OF_TEN = new double[MAX_DIGITS + 1];

  static {
    double p = 1;
    for (int i = 0; i <= MAX_DIGITS; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private PlainDecimals() {}

  /** The value of {@code chars[from, to)}, or NaN when it is not a plain decimal. */
  static double parse(char[] c, int from, int to) {
    int i = from;
    boolean negative = i < to && c[i] == '-';
    if (negative) {
      i++;
    }
    long digits = 0;
    int count = 0;
    int fractionDigits = -1;
    for (; i < to; i++) {
      char ch = c[i];
      if (ch >= '0' && ch <= '9') {
        if (++count > MAX_DIGITS) {
          return Double.NaN;
        }
        digits = digits * 10 + (ch - '0');
        if (fractionDigits >= 0) {
          fractionDigits++;
        }
      } else if (ch == '.' && fractionDigits < 0) {
        fractionDigits = 0;
      } else {
        return Double.NaN;
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    double value = fractionDigits > 0 ? digits / POWERS_OF_TEN[fractionDigits] : digits;
    return negative ? -value : value;
  }
}
