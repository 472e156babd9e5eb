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

  /** The window of this calculator's horizon ending at {@code end}, an epoch hour at a Chicago local midnight. */
  public TrendWindow window(long end) {
    return TrendWindow.ending(end, horizonDays, LocalHours.CHICAGO);
  }

  /**
   * The trend of one key.
   *
   * @param window the horizon, from {@link #window(long)}
   * @param counts incidents in each hour of the window, oldest first
   * @param coveredFrom epoch hour of the local midnight from which the key has data; earlier hours are not data
   */
  public TrendEvent calculate(String district, String category, TrendWindow window, int[] counts, long coveredFrom) {
    if (counts.length != window.hours() || window.days() != horizonDays) {
      throw new IllegalArgumentException(
          counts.length + " hourly counts over " + window.days() + " days do not fill a window of " + window.hours()
              + " hours over " + horizonDays + " days");
    }
    int[] daily = new int[horizonDays];
    // a day's hours are consecutive: summing them in a local spares a store and reload of daily[] per hour
    int dayOfRun = 0;
    int runSum = 0;
    for (int i = 0; i < counts.length; i++) {
      int day = window.dayIndex(i);
      if (day != dayOfRun) {
        daily[dayOfRun] += runSum;
        dayOfRun = day;
        runSum = 0;
      }
      runSum += counts[i];
    }
    daily[dayOfRun] += runSum;
    int from = (int) Math.min(Math.max(0, coveredFrom - window.start()), counts.length - 1);
    int firstCoveredDay = window.dayIndex(from);
    int coveredDays = horizonDays - firstCoveredDay;
    double[] covered = new double[coveredDays];
    for (int d = 0; d < coveredDays; d++) {
      covered[d] = daily[firstCoveredDay + d];
    }
    int recent = Math.min(recentDays, coveredDays);
    double recentRate = sum(covered, coveredDays - recent) / recent;
    double horizonRate = sum(covered, 0) / coveredDays;
    MannKendall test = MannKendall.test(covered);

    SeasonalProfile profile = SeasonalProfile.of(window.hoursOfWeek(), counts, from);
    int[] next = window.nextHoursOfWeek();
    double[] forecast = new double[next.length];
    double forecastTotal = 0;
    for (int i = 0; i < next.length; i++) {
      forecast[i] = profile.at(next[i]);
      forecastTotal += forecast[i];
    }
    ForecastAccuracy accuracy = ForecastAccuracy.of(window.hoursOfWeek(), counts, from);
    return new TrendEvent(
        TrendEvent.KIND,
        district,
        category,
        LocalHours.instantOfHour(window.end()),
        LocalHours.instantOfHour(window.start() + from),
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
      out[i] = Math.rint(values[i] * 1000) / 1000.0;
    }
    return out;
  }

  private static Double finiteOrNull(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
