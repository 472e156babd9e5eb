package io.hotwatch.core.social;

import io.hotwatch.core.source.DataFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Real post texts kept to be placed at simulated times and places, each with the crisis it was written about and its
 * annotators' label; read from a CSV file (plain or gzipped) with the columns of {@link #HEADER}.
 *
 * @param entries the texts, in file order
 */
public record PostTextPool(List<Entry> entries) {

  /** The pool file's columns, in order. */
  public static final List<String> HEADER = List.of("event", "tweet_id", "informativeness", "text");

  /** The CSV dialect of pool files: RFC 4180 with the header above. */
  public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).build();

  /**
   * One text of the pool.
   *
   * @param event the crisis it was posted about, e.g. {@code 2013_Boston_bombings}
   * @param tweetId the original tweet's id, kept for provenance only (simulated posts never reuse it)
   * @param informativeness the annotators' label, e.g. "Related and informative", "Not related"
   * @param text the post's text
   */
  public record Entry(String event, String tweetId, String informativeness, String text) {}

  public PostTextPool {
    entries = List.copyOf(entries);
    if (entries.isEmpty()) {
      throw new IllegalArgumentException("a post text pool needs at least one text");
    }
  }

  /**
   * Reads a pool file.
   *
   * @throws IOException when the file cannot be read, its header is not {@link #HEADER}, a row has another number of
   *     columns or an empty text, or it holds no rows
   */
  public static PostTextPool read(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (Reader reader = DataFiles.open(file);
        CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
      if (!parser.getHeaderNames().equals(HEADER)) {
        throw new IOException(file + ": header " + parser.getHeaderNames() + " is not " + HEADER);
      }
      for (CSVRecord r : parser) {
        if (r.size() != HEADER.size()) {
          throw new IOException(file + " line " + r.getParser().getCurrentLineNumber() + ": row has " + r.size()
              + " columns, header has " + HEADER.size());
        }
        String text = r.get("text");
        if (text.isBlank()) {
          throw new IOException(file + " line " + r.getParser().getCurrentLineNumber() + ": text is empty");
        }
        entries.add(new Entry(r.get("event"), r.get("tweet_id"), r.get("informativeness"), text));
      }
    }
    if (entries.isEmpty()) {
      throw new IOException(file + " holds no post texts");
    }
    return new PostTextPool(entries);
  }
}
