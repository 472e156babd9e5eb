package io.hotwatch.training.relevance;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Chooses the relevance threshold on validation posts: the score cut with the highest macro F1 (mean of the related and
 * the not-related F1).
 *
 * <p>Not the related F1 alone: about 90% of CrisisLexT26 posts are related, so that F1 is highest, or nearly, when
 * every post is called related, and a filter that passes everything is of no use to the stream.
 */
final class ThresholdChoice {

  private ThresholdChoice() {}

  /** A threshold and the validation scores it gives. */
  record Choice(double threshold, BinaryScores scores) {}

  /** The best cut: posts scoring at least the threshold are related; ties go to the lowest threshold. */
  static Choice best(float[] scores, boolean[] related) {
    if (scores.length == 0) {
      throw new IllegalArgumentException("no validation posts to choose a threshold on");
    }
    Integer[] order = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    long positives = IntStream.range(0, related.length).filter(i -> related[i]).count();
    long negatives = related.length - positives;
    // start with every post called related (threshold at the lowest score), then move the cut up one score at a time
    long fn = 0;
    long tn = 0;
    double bestThreshold = scores[order[0]];
    BinaryScores best = BinaryScores.of(positives, negatives, 0, 0);
    for (int k = 0; k < order.length; ) {
      float cut = scores[order[k]];
      // every post scoring exactly `cut` leaves the related side together
      while (k < order.length && scores[order[k]] == cut) {
        if (related[order[k]]) {
          fn++;
        } else {
          tn++;
        }
        k++;
      }
      if (k == order.length) {
        break;
      }
      BinaryScores candidate = BinaryScores.of(positives - fn, negatives - tn, fn, tn);
      if (candidate.macroF1() > best.macroF1()) {
        best = candidate;
        bestThreshold = scores[order[k]];
      }
    }
    return new Choice(bestThreshold, best);
  }
}
