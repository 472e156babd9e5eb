package io.hotwatch.training.compare;

/**
 * One method's line of the comparison.
 *
 * @param method name of the method
 * @param implementation library and settings
 * @param trainingRows rows the method was trained on or indexed (a sample where it says so)
 * @param testRows test rows scored
 * @param note how the rows were chosen or probabilities obtained; empty when there is nothing to add
 * @param logLoss mean natural-log loss of the actual category, probabilities clipped at 1e-7
 * @param top1Accuracy share of test rows whose category got the highest probability
 * @param top3Accuracy share of test rows whose category was among the three most probable
 * @param trainingSeconds wall time to train (null: not trained here)
 * @param scoringMicrosPerEvent wall time to score the test rows divided by their number
 */
public record MethodResult(
    String method,
    String implementation,
    long trainingRows,
    long testRows,
    String note,
    double logLoss,
    double top1Accuracy,
    double top3Accuracy,
    Double trainingSeconds,
    double scoringMicrosPerEvent) {}
