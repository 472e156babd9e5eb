package io.hotwatch.core.source;

import io.hotwatch.core.event.SocialPost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Reads any supported social-post data set: a CrisisLexT26 labelled-tweets file or folder, or the DC police alert
 * GeoJSON. Files are recognised by their first line, folders by the files they hold.
 */
public final class SocialPostFiles {

  private SocialPostFiles() {}

  public static Stream<ParsedRow<SocialPost>> read(Path path) throws IOException {
    return read(path, AuthorHash.fromEnvironment());
  }

  public static Stream<ParsedRow<SocialPost>> read(Path path, AuthorHash authors) throws IOException {
    if (!Files.exists(path)) {
      throw new IOException(path + " does not exist");
    }
    if (Files.isDirectory(path)) {
      if (CrisisLexReader.isCrisisLexFolder(path)) {
        return CrisisLexReader.read(path);
      }
      throw new IOException(path + " is a folder without CrisisLexT26 *" + CrisisLexReader.FILE_SUFFIX + " files");
    }
    String header = DataFiles.firstLine(path);
    if (CrisisLexReader.accepts(header)) {
      return CrisisLexReader.read(path);
    }
    if (DcAlertTweetReader.accepts(path)) {
      return DcAlertTweetReader.read(path, authors);
    }
    throw new IOException(
        path + " is not a supported social-post file (expected a CrisisLexT26 labelled-tweets CSV or the DC police"
            + " alert GeoJSON, got '" + (header.length() > 60 ? header.substring(0, 60) + "..." : header) + "')");
  }

  /** True when {@link #read} recognises the path; lets callers tell social files from incident files. */
  public static boolean accepts(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return CrisisLexReader.isCrisisLexFolder(path);
    }
    return CrisisLexReader.accepts(DataFiles.firstLine(path)) || DcAlertTweetReader.accepts(path);
  }
}
