package io.hotwatch.training.compare;

import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.training.CategoryTrainer;
import io.hotwatch.training.IncidentCorpus;
import io.hotwatch.training.TrainingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The category network the comparison scores: retrained on the comparison's training rows, or a given artifact.
 *
 * @param model the network as the streaming job and {@code evaluate} load it
 * @param name how the table names the artifact
 * @param trainingSeconds wall time of the training run; null when the artifact was given, not trained here
 * @param origin how the network was obtained, for the table's note
 */
public record ComparedNetwork(CategoryModel model, String name, Double trainingSeconds, String origin) {

  private static final Logger LOG = LoggerFactory.getLogger(ComparedNetwork.class);

  /**
   * Trains the network on {@code training} by the code and settings of {@code ./hotwatch train} (those of the bundled
   * model, with {@code seed}) into a temporary directory, and loads the artifact written there.
   */
  public static ComparedNetwork retrain(IncidentCorpus training, long seed) throws IOException {
    TrainingSettings settings = TrainingSettings.defaults().withSeed(seed);
    Path dir = Files.createTempDirectory("hotwatch-compared-network");
    try {
      LOG.info("training the category network on {} rows", training.size());
      long started = System.nanoTime();
      new CategoryTrainer(settings).train(training, dir.resolve("model"));
      double seconds = (System.nanoTime() - started) / 1e9;
      CategoryModel model = CategoryModel.load(dir.resolve("model"));
      String origin = String.format(Locale.ROOT,
          "retrained here on the training files by the code of `hotwatch train` with the bundled model's settings"
              + " (seed %d); training time includes feature encoding, %d epochs, the validation scoring of each"
              + " epoch and the baseline rates `train` fits beside the network", seed, settings.epochs());
      return new ComparedNetwork(model, "retrained", seconds, origin);
    } finally {
      deleteTree(dir);
    }
  }

  /** The artifact in {@code dir}, scored as it is; {@code name} is how the table refers to it. */
  public static ComparedNetwork given(Path dir, String name) throws IOException {
    CategoryModel model = CategoryModel.load(dir);
    var metadata = model.metadata();
    String origin = "given artifact " + name + ", trained on " + String.join(" ", metadata.inputs()) + " ["
        + metadata.trainedFrom() + ", " + metadata.trainedTo() + "), not retrained here";
    return new ComparedNetwork(model, name, null, origin);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind is not worth failing a finished comparison for
      LOG.warn("could not delete {}: {}", dir, e.getMessage());
    }
  }
}
