package io.hotwatch.core.source;

import io.hotwatch.core.event.Incident;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Parses Chicago crimes rows that arrive as field maps (a data-portal JSON object mapped onto the CSV column names)
 * with the very rules of the CSV reader ({@link ChicagoRowRules}): the same rejections, reasons and incidents.
 *
 * <p>Not thread-safe: one instance per reader (it keeps the current row's characters and pools column values).
 */
public final class ChicagoFieldRows {

  /** The column names a field map is read by, as in the CSV header ({@code ID}, {@code Date}, ...). */
  public static final List<String> COLUMNS = ChicagoRowRules.COLUMNS;

  /** How the row's local times (Chicago's zone) are written. */
  public enum DateForm {
    /** The CSV export's {@code 07/04/2017 09:30:00 PM}. */
    EXPORT("MM/dd/yyyy hh:mm:ss a", ChicagoCrimeReader.DATE),
    /** The JSON API's floating timestamps, {@code 2017-07-04T21:30:00.000} (no zone: the publisher's local time). */
    ISO_LOCAL("yyyy-MM-ddTHH:mm:ss[.SSS]", DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private final String form;
    private final DateTimeFormatter formatter;

    DateForm(String form, DateTimeFormatter formatter) {
      this.form = form;
      this.formatter = formatter;
    }
  }

  private final ChicagoRowRules rules;
  private final FieldRow row = new FieldRow();

  public ChicagoFieldRows(DateForm dates) {
    this.rules = new ChicagoRowRules(new FormatterTimes(dates));
  }

  /**
   * One row: {@code fields} by {@link #COLUMNS} name (a missing or null one is empty), {@code line} its position for
   * the caller's reports, {@code raw} the row as it came (kept on rejections and valid rows alike).
   */
  public ParsedRow<Incident> parse(long line, Map<String, String> fields, String raw) {
    row.fill(fields, raw);
    return rules.parse(line, row, true);
  }

  /** The columns of one field map laid out in one char array, as the rules read them. */
  private static final class FieldRow implements ChicagoRowRules.Row {

    private final int[] starts = new int[COLUMNS.size()];
    private final int[] ends = new int[COLUMNS.size()];
    private char[] chars = new char[512];
    private String raw;

    void fill(Map<String, String> fields, String raw) {
      this.raw = raw;
      int used = 0;
      for (int c = 0; c < COLUMNS.size(); c++) {
        String value = fields.get(COLUMNS.get(c));
        int length = value == null ? 0 : value.length();
        if (used + length > chars.length) {
          chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + length));
        }
        if (value != null) {
          value.getChars(0, length, chars, used);
        }
        starts[c] = used;
        used += length;
        ends[c] = used;
      }
    }

    @Override
    public char[] chars() {
      return chars;
    }

    @Override
    public int trimmedStart(int c) {
      int from = starts[c];
      while (from < ends[c] && chars[from] <= ' ') {
        from++;
      }
      return from;
    }

    @Override
    public int trimmedEnd(int c) {
      int from = trimmedStart(c);
      int to = ends[c];
      while (to > from && chars[to - 1] <= ' ') {
        to--;
      }
      return to;
    }

    @Override
    public boolean isBlank(int c) {
      return field(c).isBlank();
    }

    @Override
    public String field(int c) {
      return new String(chars, starts[c], ends[c] - starts[c]);
    }

    @Override
    public String raw() {
      return raw;
    }
  }

  /** Local times in one {@link DateForm}, in Chicago's zone. */
  private static final class FormatterTimes implements ChicagoRowRules.LocalTimes {

    private final DateForm dates;

    FormatterTimes(DateForm dates) {
      this.dates = dates;
    }

    @Override
    public Instant parse(char[] chars, int from, int to) {
      String text = new String(chars, from, to - from);
      return LocalDateTime.parse(text, dates.formatter).atZone(ChicagoCrimeReader.ZONE).toInstant();
    }

    @Override
    public String form() {
      return dates.form;
    }
  }
}
