package io.hotwatch.core.source;

/**
 * One row of a data set: either a parsed value or the reason it was rejected, with the row's position and raw text.
 *
 * @param line 1-based record number in the file (header excluded)
 * @param value the parsed value, or null when rejected
 * @param rejection why the row was rejected, or null when parsed
 * @param raw the row as it stood in the file (for reports and dead letters)
 */
public record ParsedRow<T>(long line, T value, String rejection, String raw) {

  public static <T> ParsedRow<T> ok(long line, T value, String raw) {
    return new ParsedRow<>(line, value, null, raw);
  }

  public static <T> ParsedRow<T> rejected(long line, String reason, String raw) {
    return new ParsedRow<>(line, null, reason, raw);
  }

  public boolean isOk() {
    return rejection == null;
  }
}
