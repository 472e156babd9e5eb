package io.hotwatch.training;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real public data sets the tests train and evaluate on; a test is skipped when they are absent. */
public final class RealData {

  private RealData() {}

  public static Path chicagoCrimes(int year) {
    Path file =
        Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
            .resolve("chicago-crimes-2015-2017/chicago_crimes_" + year + ".csv.gz");
    assumeTrue(Files.isRegularFile(file), "data file " + file + " not found");
    return file;
  }

  /** The model artifact committed with the demo. */
  static Path bundledModel() {
    return Path.of(System.getProperty("hotwatch.home", "..")).resolve("deploy/demo/model");
  }
}
