package io.hotwatch.training;

import java.util.Map;

/**
 * How well category probabilities fit the categories that were actually reported, next to what the training class
 * prior alone achieves on the same rows.
 *
 * @param rows rows scored
 * @param logLoss mean negative log probability of the actual category (natural log; probabilities clipped at 1e-7)
 * @param priorLogLoss the same for the training class prior given to every row
 * @param top1Accuracy share of rows whose actual category got the highest probability
 * @param top3Accuracy share of rows whose actual category was among the three most probable
 * @param priorTop1Accuracy share of rows in the prior's most frequent category
 * @param macroF1 F1 averaged over the categories present in the rows, each counting the same (never predicted: 0)
 * @param perCategory rows, precision and recall per actual category
 */
public record CategoryScores(
    long rows,
    double logLoss,
    double priorLogLoss,
    double top1Accuracy,
    double top3Accuracy,
    double priorTop1Accuracy,
    double macroF1,
    Map<String, CategoryStats> perCategory) {

  /** Scores of one category. */
  public record CategoryStats(long rows, double precision, double recall) {}
}
