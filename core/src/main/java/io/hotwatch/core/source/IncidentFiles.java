package io.hotwatch.core.source;

import io.hotwatch.core.event.Incident;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Reads any supported incident data set, recognised by its header line. */
public final class IncidentFiles {

  private IncidentFiles() {}

  public static Stream<ParsedRow<Incident>> read(Path file) throws IOException {
    String header = DataFiles.firstLine(file);
    if (ChicagoCrimeReader.accepts(header)) {
      return ChicagoCrimeReader.read(file);
    }
    if (NypdShootingReader.accepts(header)) {
      return NypdShootingReader.read(file);
    }
    throw unsupported(file, header);
  }

  /** Parses a whole file into {@code sink}: the rows of {@link #read(Path)}, the fast way where a reader has one. */
  public static void read(Path file, IncidentRowSink sink) throws IOException {
    String header = DataFiles.firstLine(file);
    if (ChicagoCrimeReader.accepts(header)) {
      ChicagoCrimeReader.read(file, sink);
      return;
    }
    if (NypdShootingReader.accepts(header)) {
      try (Stream<ParsedRow<Incident>> rows = NypdShootingReader.read(file)) {
        rows.forEach(row -> {
          if (row.isOk()) {
            sink.incident(row.line(), row.value());
          } else {
            sink.rejected(row.line(), row.rejection(), row.raw());
          }
        });
      }
      return;
    }
    throw unsupported(file, header);
  }

  private static IOException unsupported(Path file, String header) {
    return new IOException(
        file + " is not a supported incident file (expected a Chicago crimes or NYPD shootings CSV header, got '"
            + (header.length() > 60 ? header.substring(0, 60) + "..." : header) + "')");
  }
}
