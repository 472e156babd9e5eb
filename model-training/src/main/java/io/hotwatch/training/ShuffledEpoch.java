package io.hotwatch.training;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.util.MathArrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One training pass of a network over rows in a fresh random order, with a progress bar on stderr. Minibatches are
 * gathered on the heap: {@code INDArray.getRows} on a large array costs ~50 ms per 1024 rows, more than the gradient
 * step itself.
 */
public final class ShuffledEpoch {

  /** Where a pass reads its rows from. */
  @FunctionalInterface
  public interface Rows {
    /** Writes row {@code row}'s inputs into {@code x} from {@code xAt} and its target into {@code y} from {@code yAt}. */
    void copy(int row, float[] x, int xAt, float[] y, int yAt);
  }

  private ShuffledEpoch() {}

  /**
   * Fits {@code network} on every row once, {@code batchSize} at a time; rows are {@code inputs} wide, targets
   * {@code outputs} wide (zeroed before {@code source} writes them).
   *
   * @return the mean minibatch loss (the network's score: loss plus regularisation) over the pass
   */
  public static double fit(
      MultiLayerNetwork network, int rows, int inputs, int outputs, int batchSize, RandomGenerator random,
      String taskName, String unit, Rows source) {
    int[] order = MathArrays.natural(rows);
    MathArrays.shuffle(order, random);
    double lossSum = 0;
    ProgressBarBuilder bar =
        new ProgressBarBuilder()
            .setTaskName(taskName)
            .setInitialMax(rows)
            .setUnit(unit, 1)
            .setUpdateIntervalMillis(1000)
            .setConsumer(new ConsoleProgressBarConsumer(System.err));
    try (ProgressBar progress = bar.build()) {
      for (int start = 0; start < rows; start += batchSize) {
        int size = Math.min(rows - start, batchSize);
        float[] x = new float[size * inputs];
        float[] y = new float[size * outputs];
        for (int i = 0; i < size; i++) {
          source.copy(order[start + i], x, i * inputs, y, i * outputs);
        }
        network.fit(
            new DataSet(Nd4j.create(x, new long[] {size, inputs}, 'c'), Nd4j.create(y, new long[] {size, outputs}, 'c')));
        lossSum += network.score() * size;
        progress.stepBy(size);
      }
    }
    return lossSum / rows;
  }
}
