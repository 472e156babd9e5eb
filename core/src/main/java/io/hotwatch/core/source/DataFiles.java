package io.hotwatch.core.source;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVRecord;

/** Opening data files: gzip by magic number, a leading UTF-8 byte-order mark dropped. */
public final class DataFiles {

  private DataFiles() {}

  public static Reader open(Path file) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    if (b1 == 0x1f && b2 == 0x8b) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  /** The first line of a file (header), BOM and gzip handled. */
  public static String firstLine(Path file) throws IOException {
    try (BufferedReader r = new BufferedReader(open(file))) {
      String line = r.readLine();
      return line == null ? "" : line;
    }
  }

  /** A CSV record back as comma-joined text, for reports and dead letters. */
  static String raw(CSVRecord record) {
    return String.join(",", record.values());
  }
}
