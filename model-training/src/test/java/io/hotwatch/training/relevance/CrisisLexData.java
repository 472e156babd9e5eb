package io.hotwatch.training.relevance;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real CrisisLexT26 folder and the DC police alerts; a test is skipped when they are absent. */
final class CrisisLexData {

  private CrisisLexData() {}

  static Path folder() {
    Path dir = Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data")).resolve("crisislext26-tweets");
    assumeTrue(Files.isDirectory(dir), "data folder " + dir + " not found");
    return dir;
  }

  static Path policeAlerts() {
    Path file =
        Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
            .resolve("dc-mpd-alert-tweets/mpd_alert_tweets.geojson");
    assumeTrue(Files.isRegularFile(file), "data file " + file + " not found");
    return file;
  }

  /** A folder holding copies of only the named events of the real data, for quick training runs. */
  static Path subset(Path target, List<String> events) throws IOException {
    Path all = folder();
    for (String event : events) {
      // copies, not links: the reader walks folders without following links
      Path to = Files.createDirectories(target.resolve(event));
      try (Stream<Path> files = Files.list(all.resolve(event))) {
        for (Path file : files.toList()) {
          Files.copy(file, to.resolve(file.getFileName()));
        }
      }
    }
    return target;
  }

  /** The relevance model committed with the demo. */
  static Path bundledModel() {
    return Path.of(System.getProperty("hotwatch.home", "..")).resolve("deploy/demo/relevance-model");
  }
}
