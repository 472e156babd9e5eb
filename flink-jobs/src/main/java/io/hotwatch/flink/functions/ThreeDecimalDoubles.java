package io.hotwatch.flink.functions;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes {@code double[]} values exactly as Jackson does ({@link Double#toString}), but takes the text of a value with
 * at most three decimals from a cache. Trend profiles and forecasts are 192 such values per event, rounded to three
 * decimals, and formatting each anew was the largest cost of a trend's JSON line.
 *
 * <p>The cache is indexed by the value times 1000 and only used when that index divided by 1000 is the very same
 * double, so the text written is always {@code Double.toString(value)}.
 */
final class ThreeDecimalDoubles {

  /** Values from 0 to 262.143: the hourly means of one key's profile stay far below. */
  private static final int CACHED = 1 << 18;

  private final String[] texts = new String[CACHED];

  /** The text Jackson writes for {@code value}. */
  String text(double value) {
    long thousandths = Math.round(value * 1000);
    if (thousandths >= 0
        && thousandths < CACHED
        && Double.doubleToRawLongBits(thousandths / 1000.0) == Double.doubleToRawLongBits(value)) {
      int index = (int) thousandths;
      String text = texts[index];
      if (text == null) {
        text = Double.toString(value);
        texts[index] = text;
      }
      return text;
    }
    return Double.toString(value);
  }

  /** A module whose {@code double[]} serializer writes through {@code doubles}. */
  static SimpleModule module(ThreeDecimalDoubles doubles) {
    return new SimpleModule("three-decimal-doubles").addSerializer(double[].class, new ArraySerializer(doubles));
  }

  /** Jackson's array output (start, numbers, end) with the numbers' text from the cache. */
  private static final class ArraySerializer extends StdSerializer<double[]> {
    private static final long serialVersionUID = 1L;
    private final transient ThreeDecimalDoubles doubles;

    ArraySerializer(ThreeDecimalDoubles doubles) {
      super(double[].class);
      this.doubles = doubles;
    }

    @Override
    public void serialize(double[] values, JsonGenerator generator, SerializerProvider provider) throws IOException {
      generator.writeStartArray(values, values.length);
      for (double value : values) {
        if (Double.isFinite(value)) {
          generator.writeNumber(doubles.text(value));
        } else {
          // Jackson's own handling of NaN and infinities (quoted by default)
          generator.writeNumber(value);
        }
      }
      generator.writeEndArray();
    }
  }
}
