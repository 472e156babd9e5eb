package io.hotwatch.training;

import io.hotwatch.training.CategoryScores.CategoryStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.evaluation.classification.Evaluation;

/** Accumulates {@link CategoryScores} over batches of predicted probabilities. */
public final class CategoryScorer {

  /** float32 softmax outputs can round to 0; clipping keeps one confident miss from making the mean infinite. */
  static final double MIN_PROBABILITY = 1e-7;

  private final List<String> categories;
  private final double[] prior;
  private final int priorMode;
  private final Evaluation evaluation;
  private final long[] rowsPerCategory;
  private double logLossSum;
  private double priorLogLossSum;
  private long priorModeHits;
  private long topThreeHits;
  private long rows;

  public CategoryScorer(List<String> categories, double[] prior) {
    if (prior.length != categories.size()) {
      throw new IllegalArgumentException(prior.length + " prior shares for " + categories.size() + " categories");
    }
    this.categories = categories;
    this.prior = prior;
    int mode = 0;
    for (int k = 1; k < prior.length; k++) {
      if (prior[k] > prior[mode]) {
        mode = k;
      }
    }
    this.priorMode = mode;
    this.evaluation = new Evaluation(categories);
    this.rowsPerCategory = new long[categories.size()];
  }

  /**
   * Adds rows: {@code probabilities} holds one row of category probabilities per incident, row after row;
   * {@code actual} the index of each incident's actual category.
   *
   * <p>Ranks are counted here rather than by {@code Evaluation.eval(labels, predictions)} with top-N: that costs ~70 us
   * per row, longer than the network takes to score it.
   */
  public void add(float[] probabilities, int[] actual) {
    int k = categories.size();
    if (probabilities.length != actual.length * k) {
      throw new IllegalArgumentException(
          probabilities.length + " probabilities for " + actual.length + " rows of " + k + " categories");
    }
    for (int i = 0; i < actual.length; i++) {
      int row = i * k;
      int truth = actual[i];
      float pTruth = probabilities[row + truth];
      int predicted = 0;
      int ranksAbove = 0;
      for (int c = 0; c < k; c++) {
        if (probabilities[row + c] > probabilities[row + predicted]) {
          predicted = c;
        }
        // ties count in the actual category's favour
        if (probabilities[row + c] > pTruth) {
          ranksAbove++;
        }
      }
      evaluation.eval(predicted, truth);
      topThreeHits += ranksAbove < 3 ? 1 : 0;
      logLossSum -= Math.log(Math.max(pTruth, MIN_PROBABILITY));
      priorLogLossSum -= Math.log(Math.max(prior[truth], MIN_PROBABILITY));
      priorModeHits += truth == priorMode ? 1 : 0;
      rowsPerCategory[truth]++;
    }
    rows += actual.length;
  }

  public CategoryScores scores() {
    if (rows == 0) {
      throw new IllegalStateException("no rows were scored");
    }
    Map<String, CategoryStats> perCategory = new LinkedHashMap<>();
    double f1Sum = 0;
    int present = 0;
    for (int k = 0; k < categories.size(); k++) {
      // a category never predicted has precision 0 here: DL4J's macro average would leave it out and flatter the model
      double precision = evaluation.precision(k, 0.0);
      double recall = evaluation.recall(k, 0.0);
      perCategory.put(categories.get(k), new CategoryStats(rowsPerCategory[k], precision, recall));
      if (rowsPerCategory[k] > 0) {
        f1Sum += precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        present++;
      }
    }
    return new CategoryScores(
        rows,
        logLossSum / rows,
        priorLogLossSum / rows,
        evaluation.accuracy(),
        (double) topThreeHits / rows,
        (double) priorModeHits / rows,
        f1Sum / present,
        perCategory);
  }
}
