package io.hotwatch.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Accumulates how well category probabilities are calibrated, per police district and over all rows: log loss, top-1
 * accuracy, expected calibration error of the top probability and, for the main categories, the mean predicted
 * probability against the share actually reported.
 */
public final class DistrictCalibration {

  /** Equal-width bins of the top predicted probability over [0, 1]. */
  public static final int BINS = 10;

  /** The most frequent categories of the training prior get a reliability line of their own. */
  public static final int MAIN_CATEGORIES = 5;

  /** Rows with no district are grouped under this name. */
  public static final String NO_DISTRICT = "none";

  private final List<String> categories;
  private final int[] main;
  private final Tally overall;
  private final Map<String, Tally> perDistrict = new TreeMap<>(DistrictCalibration::byDistrictNumber);

  /** {@code prior} is the training class prior, in the order of {@code categories}; it picks the main categories. */
  public DistrictCalibration(List<String> categories, double[] prior) {
    if (prior.length != categories.size()) {
      throw new IllegalArgumentException(prior.length + " prior shares for " + categories.size() + " categories");
    }
    this.categories = categories;
    // ties keep the taxonomy order, so the choice does not depend on the sort's stability
    this.main =
        IntStream.range(0, prior.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer k) -> -prior[k]).thenComparingInt(k -> k))
            .limit(Math.min(MAIN_CATEGORIES, prior.length))
            .mapToInt(Integer::intValue)
            .toArray();
    this.overall = new Tally(main.length);
  }

  /** How well the probabilities of one group of rows fit what was reported. */
  public record Reliability(
      long rows,
      double logLoss,
      double top1Accuracy,
      double expectedCalibrationError,
      Map<String, CategoryReliability> mainCategories) {}

  /** A main category's mean predicted probability over a group's rows and the share of the rows that were of it. */
  public record CategoryReliability(double meanPredicted, double observedShare) {}

  /** One bin of the top predicted probability: rows in it, their mean top probability and their top-1 accuracy. */
  public record ReliabilityBin(double lower, double upper, long rows, double meanConfidence, double accuracy) {}

  /**
   * What {@code evaluate} prints under {@code calibration}.
   *
   * @param bins bins of the top probability the expected calibration errors are computed over
   * @param overall all rows
   * @param overallBins the bins behind the overall expected calibration error, for a reliability diagram
   * @param perDistrict one entry per police district of the rows, in district-number order
   */
  public record CalibrationReport(
      int bins, Reliability overall, List<ReliabilityBin> overallBins, Map<String, Reliability> perDistrict) {}

  /**
   * Adds rows: {@code probabilities} holds one row of category probabilities per incident, row after row,
   * {@code actual} the index of each incident's actual category and {@code districts} its police district.
   */
  public void add(float[] probabilities, int[] actual, List<String> districts) {
    int k = categories.size();
    if (probabilities.length != actual.length * k || districts.size() != actual.length) {
      throw new IllegalArgumentException(probabilities.length + " probabilities and " + districts.size()
          + " districts for " + actual.length + " rows of " + k + " categories");
    }
    for (int i = 0; i < actual.length; i++) {
      String district = districts.get(i) == null || districts.get(i).isBlank() ? NO_DISTRICT : districts.get(i);
      Tally tally = perDistrict.computeIfAbsent(district, d -> new Tally(main.length));
      overall.add(probabilities, i * k, k, actual[i], main);
      tally.add(probabilities, i * k, k, actual[i], main);
    }
  }

  public CalibrationReport report() {
    if (overall.rows == 0) {
      throw new IllegalStateException("no rows were scored");
    }
    Map<String, Reliability> districts = new LinkedHashMap<>();
    perDistrict.forEach((district, tally) -> districts.put(district, tally.reliability()));
    return new CalibrationReport(BINS, overall.reliability(), overall.bins(), districts);
  }

  /** Numbered districts in number order ("2" before "10"), then any other names alphabetically. */
  private static int byDistrictNumber(String a, String b) {
    boolean numberA = a.chars().allMatch(Character::isDigit);
    boolean numberB = b.chars().allMatch(Character::isDigit);
    if (numberA && numberB) {
      int byValue = Long.compare(Long.parseLong(a), Long.parseLong(b));
      return byValue != 0 ? byValue : a.compareTo(b);
    }
    return numberA ? -1 : numberB ? 1 : a.compareTo(b);
  }

  /** Sums over one group's rows. */
  private final class Tally {
    private long rows;
    private double logLossSum;
    private long topOneHits;
    private final long[] binRows = new long[BINS];
    private final double[] binConfidence = new double[BINS];
    private final long[] binHits = new long[BINS];
    private final double[] predictedSum;
    private final long[] observed;

    Tally(int mainCategories) {
      predictedSum = new double[mainCategories];
      observed = new long[mainCategories];
    }

    void add(float[] probabilities, int row, int k, int truth, int[] main) {
      int predicted = 0;
      for (int c = 1; c < k; c++) {
        // the first of equal maxima wins, as in CategoryScorer
        if (probabilities[row + c] > probabilities[row + predicted]) {
          predicted = c;
        }
      }
      double top = probabilities[row + predicted];
      int bin = Math.min(BINS - 1, (int) (top * BINS));
      boolean hit = predicted == truth;
      rows++;
      logLossSum -= Math.log(Math.max(probabilities[row + truth], CategoryScorer.MIN_PROBABILITY));
      topOneHits += hit ? 1 : 0;
      binRows[bin]++;
      binConfidence[bin] += top;
      binHits[bin] += hit ? 1 : 0;
      for (int m = 0; m < main.length; m++) {
        predictedSum[m] += probabilities[row + main[m]];
        observed[m] += truth == main[m] ? 1 : 0;
      }
    }

    Reliability reliability() {
      double ece = 0;
      for (int b = 0; b < BINS; b++) {
        if (binRows[b] > 0) {
          ece += Math.abs(binHits[b] - binConfidence[b]) / rows;
        }
      }
      Map<String, CategoryReliability> byCategory = new LinkedHashMap<>();
      for (int m = 0; m < main.length; m++) {
        byCategory.put(
            categories.get(main[m]), new CategoryReliability(predictedSum[m] / rows, (double) observed[m] / rows));
      }
      return new Reliability(rows, logLossSum / rows, (double) topOneHits / rows, ece, byCategory);
    }

    List<ReliabilityBin> bins() {
      List<ReliabilityBin> out = new ArrayList<>(BINS);
      for (int b = 0; b < BINS; b++) {
        long n = binRows[b];
        out.add(new ReliabilityBin((double) b / BINS, (double) (b + 1) / BINS, n,
            n == 0 ? 0 : binConfidence[b] / n, n == 0 ? 0 : (double) binHits[b] / n));
      }
      return out;
    }
  }
}
