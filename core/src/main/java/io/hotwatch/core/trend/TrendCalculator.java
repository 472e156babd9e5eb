package io.hotwatch.core.trend;

import io.hotwatch.core.event.TrendEvent;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Turns the hourly counts of one key over a horizon of local days into a {@link TrendEvent}. Pure and stateless, so a
 * streaming operator and a batch command compute the very same trend from the same counts.
 */
public final class TrendCalculator implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int FORECAST_HOURS = 24;

  private final int horizonDays;
  private final int recentDays;
  private final double alpha;

  /** A calculator over {@code horizonDays} local days in Chicago, the recent rate over {@code recentDays}. */
  public TrendCalculator(int horizonDays, int recentDays, double alpha) {
    if (horizonDays < 1 || recentDays < 1 || recentDays > horizonDays) {
      throw new IllegalArgumentException(
          "recent days " + recentDays + " and horizon days " + horizonDays + " must satisfy 1 <= recent <= horizon");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha " + alpha + " is outside (0, 1)");
    }
    this.horizonDays = horizonDays;
    this.recentDays = recentDays;
    this.alpha = alpha;
  }

  public int horizonDays() {
    return horizonDays;
  }

  /**
   * The trend of one key.
   *
   * @param windowStart epoch hour of the local midnight {@code horizonDays} days before {@code end}
   * @param counts incidents in each hour from {@code windowStart} (inclusive) to {@code end} (exclusive)
   * @param coveredFrom epoch hour of the local midnight from which the key has data; earlier hours are not data
   * @param end epoch hour of the local midnight the trend ends at
   */
  public TrendEvent calculate(
      String district, String category, long windowStart, int[] counts, long coveredFrom, long end) {
    if (counts.length != end - windowStart || counts.length < FORECAST_HOURS) {
      throw new IllegalArgumentException(
          counts.length + " hourly counts do not fill the hours from " + windowStart + " to " + end);
    }
    LocalHours hours = LocalHours.CHICAGO;
    long[] local = hours.localHours(windowStart, counts.length);
    long firstDay = Math.floorDiv(local[0], 24);
    long endLocal = hours.localHour(end);
    if (Math.floorMod(local[0], 24) != 0 || endLocal != (firstDay + horizonDays) * 24) {
      throw new IllegalArgumentException(
          "hours from " + windowStart + " to " + end + " are not " + horizonDays + " whole local days");
    }
    int[] daily = new int[horizonDays];
    for (int i = 0; i < counts.length; i++) {
      daily[(int) (Math.floorDiv(local[i], 24) - firstDay)] += counts[i];
    }
    int from = (int) Math.min(Math.max(0, coveredFrom - windowStart), counts.length - 1);
    int firstCoveredDay = (int) (Math.floorDiv(local[from], 24) - firstDay);
    int coveredDays = horizonDays - firstCoveredDay;
    double[] covered = new double[coveredDays];
    for (int d = 0; d < coveredDays; d++) {
      covered[d] = daily[firstCoveredDay + d];
    }
    int recent = Math.min(recentDays, coveredDays);
    double recentRate = sum(covered, coveredDays - recent) / recent;
    double horizonRate = sum(covered, 0) / coveredDays;
    MannKendall test = MannKendall.test(covered);

    SeasonalProfile profile = SeasonalProfile.of(local, counts, from);
    long[] next = hours.localHours(end, FORECAST_HOURS);
    double[] forecast = new double[FORECAST_HOURS];
    double forecastTotal = 0;
    for (int i = 0; i < FORECAST_HOURS; i++) {
      forecast[i] = profile.at(next[i]);
      forecastTotal += forecast[i];
    }
    ForecastAccuracy accuracy = ForecastAccuracy.of(local, counts, from);
    return new TrendEvent(
        TrendEvent.KIND,
        district,
        category,
        LocalHours.instantOfHour(end),
        LocalHours.instantOfHour(windowStart + from),
        coveredDays,
        Arrays.copyOfRange(counts, counts.length - 24, counts.length),
        daily,
        recentDays,
        recentRate,
        horizonRate,
        horizonRate > 0 ? recentRate / horizonRate : null,
        test.s(),
        test.tau(),
        test.z(),
        test.pValue(),
        SensSlope.of(covered),
        alpha,
        test.direction(alpha),
        rounded(profile.means()),
        rounded(forecast),
        forecastTotal,
        accuracy.hours(),
        finiteOrNull(accuracy.mae()),
        finiteOrNull(accuracy.mase()));
  }

  private static double sum(double[] values, int from) {
    double sum = 0;
    for (int i = from; i < values.length; i++) {
      sum += values[i];
    }
    return sum;
  }

  /** Three decimals are far finer than any count's noise, and keep the event compact on the wire. */
  private static double[] rounded(double[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.round(values[i] * 1000) / 1000.0;
    }
    return out;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
