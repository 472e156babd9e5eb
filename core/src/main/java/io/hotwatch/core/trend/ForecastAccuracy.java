package io.hotwatch.core.trend;

/**
 * How well the seasonal-mean forecast (the mean of the same hour of the week in the weeks before) did one hour ahead
 * over a run of hourly counts, against the seasonal naive forecast (the same hour one week before).
 *
 * <p>Only hours with at least one earlier week in the run are scored, and each is forecast from earlier hours only.
 * The naive errors over those same hours are the in-sample scale of Hyndman and Koehler's mean absolute scaled error
 * (Int. J. Forecasting 22, 2006) for a seasonal period of one week, so {@link #mase()} below 1 means better than
 * repeating last week.
 *
 * @param hours number of hours scored
 * @param mae mean absolute error of the seasonal-mean forecast; NaN when no hour was scored
 * @param naiveMae mean absolute error of the seasonal naive forecast over the same hours; NaN when none
 */
public record ForecastAccuracy(int hours, double mae, double naiveMae) {

  /** Scores {@code counts[from..]}, where {@code hourOfWeek[i]} is the hour of the week of {@code counts[i]}. */
  public static ForecastAccuracy of(int[] hourOfWeek, int[] counts, int from) {
    double[] sums = new double[LocalHours.HOURS_PER_WEEK];
    int[] seen = new int[LocalHours.HOURS_PER_WEEK];
    int[] lastWeek = new int[LocalHours.HOURS_PER_WEEK];
    double error = 0;
    double naiveError = 0;
    int scored = 0;
    for (int i = from; i < counts.length; i++) {
      int h = hourOfWeek[i];
      if (seen[h] > 0) {
        error += Math.abs(counts[i] - sums[h] / seen[h]);
        naiveError += Math.abs(counts[i] - lastWeek[h]);
        scored++;
      }
      sums[h] += counts[i];
      seen[h]++;
      lastWeek[h] = counts[i];
    }
    return scored == 0
        ? new ForecastAccuracy(0, Double.NaN, Double.NaN)
        : new ForecastAccuracy(scored, error / scored, naiveError / scored);
  }

  /** Mean absolute scaled error; NaN when nothing was scored or the naive forecast made no error at all. */
  public double mase() {
    return naiveMae > 0 ? mae / naiveMae : Double.NaN;
  }
}
