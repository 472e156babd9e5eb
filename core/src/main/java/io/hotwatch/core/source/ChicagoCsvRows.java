package io.hotwatch.core.source;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import io.hotwatch.core.event.Incident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the Chicago crimes CSV, as FastCSV hands over its fields, into {@link ParsedRow}s with the rules of {@link
 * ChicagoRowRules}. The row is kept as characters: the id is the one new String of a valid row, the columns with
 * few values come from {@link TextPool}s, dates and coordinates are read from the characters when they have their
 * plain form, and by the reader's java.time and parseDouble rules otherwise.
 */
final class ChicagoCsvRows extends AbstractBaseCsvCallbackHandler<ParsedRow<Incident>>
    implements ChicagoRowRules.Row {

  private static final List<String> COLUMNS = ChicagoRowRules.COLUMNS;

  private final boolean rawOfValidRows;
  private final ChicagoRowRules rules = new ChicagoRowRules(new ExportTimes());

  // the current record's fields, copied out of the parser's buffer: chars[starts[i], ends[i])
  private char[] chars = new char[4096];
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private int fields;
  private int used;

  private int[] column; // index in the row of each of COLUMNS, once the header was read
  private int headerSize;
  private long record;

  /** {@code rawOfValidRows}: also join the text of valid rows (only rejected rows need it for dead letters). */
  ChicagoCsvRows(boolean rawOfValidRows) {
    this.rawOfValidRows = rawOfValidRows;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    fields = 0;
    used = 0;
  }

  @Override
  protected void handleField(int index, char[] buf, int offset, int len, boolean quoted) {
    if (fields == starts.length) {
      starts = Arrays.copyOf(starts, fields * 2);
      ends = Arrays.copyOf(ends, fields * 2);
    }
    if (used + len > chars.length) {
      chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + len));
    }
    System.arraycopy(buf, offset, chars, used, len);
    starts[fields] = used;
    used += len;
    ends[fields++] = used;
  }

  /** The row parsed, or null for the header and its repetitions (and empty lines, which are no records). */
  @Override
  protected ParsedRow<Incident> buildRecord() {
    if (getRecordType() != RecordType.DATA) {
      return null;
    }
    if (column == null) {
      readHeader();
      return null;
    }
    long line = ++record;
    if (isHeaderAgain()) {
      return null; // a header repeated inside the file (concatenated daily exports)
    }
    if (fields != headerSize) {
      return ParsedRow.rejected(line, "row has " + fields + " columns, header has " + headerSize, raw());
    }
    return parse(line);
  }

  private void readHeader() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = fields - 1; i >= 0; i--) {
      index.put(text(i), i); // the first of equal names wins, as commons-csv's header map has it
    }
    int[] at = new int[COLUMNS.size()];
    for (int c = 0; c < at.length; c++) {
      Integer i = index.get(COLUMNS.get(c));
      if (i == null) {
        throw new UncheckedIOException(new IOException("the Chicago crimes header has no column " + COLUMNS.get(c)));
      }
      at[c] = i;
    }
    column = at;
    headerSize = fields;
  }

  private boolean isHeaderAgain() {
    return ends[0] - starts[0] == 2 && chars[starts[0]] == 'I' && chars[starts[0] + 1] == 'D';
  }

  private ParsedRow<Incident> parse(long line) {
    return rules.parse(line, this, rawOfValidRows);
  }

  @Override
  public char[] chars() {
    return chars;
  }

  @Override
  public int trimmedStart(int c) {
    int i = column[c];
    int from = starts[i];
    int to = ends[i];
    while (from < to && chars[from] <= ' ') {
      from++;
    }
    return from;
  }

  @Override
  public int trimmedEnd(int c) {
    int from = trimmedStart(c);
    int to = ends[column[c]];
    while (to > from && chars[to - 1] <= ' ') {
      to--;
    }
    return to;
  }

  @Override
  public boolean isBlank(int c) {
    int i = column[c];
    for (int at = starts[i]; at < ends[i]; at++) {
      if (!Character.isWhitespace(chars[at])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String field(int c) {
    return text(column[c]);
  }

  private String text(int i) {
    return new String(chars, starts[i], ends[i] - starts[i]);
  }

  /** The row's fields joined by commas, as {@link ParsedRow#raw()} has it. */
  @Override
  public String raw() {
    StringBuilder raw = new StringBuilder(used + fields);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        raw.append(',');
      }
      raw.append(chars, starts[i], ends[i] - starts[i]);
    }
    return raw.toString();
  }

  /** The export's {@code MM/dd/yyyy hh:mm:ss a}: the plain form read from the characters, any other by java.time. */
  private static final class ExportTimes implements ChicagoRowRules.LocalTimes {

    private final PlainLocalTimes plain = new PlainLocalTimes(ChicagoCrimeReader.ZONE);

    @Override
    public Instant parse(char[] chars, int from, int to) {
      long epochSecond = plain.epochSecond(chars, from, to);
      if (epochSecond != PlainLocalTimes.NOT_PLAIN) {
        return Instant.ofEpochSecond(epochSecond);
      }
      return ChicagoCrimeReader.localTime(new String(chars, from, to - from));
    }

    @Override
    public String form() {
      return "MM/dd/yyyy hh:mm:ss a";
    }
  }
}
