package io.hotwatch.training.relevance;

/**
 * Precision, recall and F1 of one method on a set of posts, "related" being the positive class.
 *
 * @param posts posts scored
 * @param truePositives related posts called related
 * @param falsePositives unrelated posts called related
 * @param falseNegatives related posts called unrelated
 * @param trueNegatives unrelated posts called unrelated
 * @param precision share of posts called related that are related (0 when none is called related)
 * @param recall share of related posts called related (0 when there is none)
 * @param f1 harmonic mean of precision and recall: the headline figure
 * @param notRelatedF1 the same F1 with "not related" as the positive class
 * @param macroF1 mean of {@code f1} and {@code notRelatedF1}; a method that calls everything related scores low here
 */
public record BinaryScores(
    long posts,
    long truePositives,
    long falsePositives,
    long falseNegatives,
    long trueNegatives,
    double precision,
    double recall,
    double f1,
    double notRelatedF1,
    double macroF1) {

  /** Scores of predictions against labels. */
  public static BinaryScores of(boolean[] predicted, boolean[] actual) {
    if (predicted.length != actual.length) {
      throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " labels");
    }
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int i = 0; i < actual.length; i++) {
      if (predicted[i]) {
        if (actual[i]) {
          tp++;
        } else {
          fp++;
        }
      } else if (actual[i]) {
        fn++;
      } else {
        tn++;
      }
    }
    return of(tp, fp, fn, tn);
  }

  public static BinaryScores of(long tp, long fp, long fn, long tn) {
    double f1 = f1(tp, fp, fn);
    double notRelatedF1 = f1(tn, fn, fp);
    return new BinaryScores(
        tp + fp + fn + tn, tp, fp, fn, tn, ratio(tp, tp + fp), ratio(tp, tp + fn), f1, notRelatedF1,
        (f1 + notRelatedF1) / 2);
  }

  /** The scores of two disjoint sets of posts taken together (counts pooled, not figures averaged). */
  public BinaryScores plus(BinaryScores other) {
    return of(
        truePositives + other.truePositives, falsePositives + other.falsePositives,
        falseNegatives + other.falseNegatives, trueNegatives + other.trueNegatives);
  }

  public static BinaryScores empty() {
    return of(0, 0, 0, 0);
  }

  private static double f1(long tp, long fp, long fn) {
    return ratio(2 * tp, 2 * tp + fp + fn);
  }

  private static double ratio(long numerator, long denominator) {
    return denominator == 0 ? 0 : (double) numerator / denominator;
  }
}
