package io.hotwatch.training.hotspots;

import io.hotwatch.core.model.BaselineRates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * How well a static baseline predicts held-out counts: the mean Poisson deviance per cell and hour and per cell and
 * Chicago calendar day over the area, for the smoothed baseline and for the former pseudo-count formula
 * rate = (n + mu) / (W + 1) fitted on the same counts.
 *
 * @param cellHours cell-hours scored
 * @param cellDays cell-days scored
 */
record BaselineDeviance(
    long cellHours, long cellDays, double hourlyPseudoCount, double hourlySmoothed, double dailyPseudoCount,
    double dailySmoothed) {

  private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

  /** Scores hours [from, to) (whole hours from {@code from}) of every area cell. */
  static BaselineDeviance measure(
      IncidentTimeline timeline, ForecastArea area, BaselineRates smoothed, Map<String, int[]> trainingCounts,
      Instant from, Instant to) {
    double[][] pseudoCount = pseudoCountRates(area, trainingCounts, smoothed.weeks());
    int hours = (int) ((to.toEpochMilli() - from.toEpochMilli()) / HOUR_MILLIS);
    int cells = area.size();
    int[] observed = new int[hours * cells];
    for (int i = timeline.firstAtOrAfter(from); i < timeline.size() && timeline.atMillis[i] < to.toEpochMilli(); i++) {
      int hour = (int) ((timeline.atMillis[i] - from.toEpochMilli()) / HOUR_MILLIS);
      if (timeline.areaCell[i] >= 0 && hour < hours) {
        observed[hour * cells + timeline.areaCell[i]]++;
      }
    }
    double[] hourly = new double[2];
    double[] daily = new double[2];
    Map<LocalDate, double[]> days = new HashMap<>();
    for (int hour = 0; hour < hours; hour++) {
      Instant start = from.plusMillis(hour * HOUR_MILLIS);
      int hourOfWeek = BaselineRates.hourOfWeek(start);
      double[] day = days.computeIfAbsent(start.atZone(BaselineRates.ZONE).toLocalDate(), d -> new double[cells * 3]);
      for (int c = 0; c < cells; c++) {
        int y = observed[hour * cells + c];
        double old = pseudoCount[c][hourOfWeek];
        double now = smoothed.rate(area.cell(c), hourOfWeek);
        hourly[0] += PoissonDeviance.of(y, old);
        hourly[1] += PoissonDeviance.of(y, now);
        day[3 * c] += y;
        day[3 * c + 1] += old;
        day[3 * c + 2] += now;
      }
    }
    for (double[] day : days.values()) {
      for (int c = 0; c < cells; c++) {
        daily[0] += PoissonDeviance.of(day[3 * c], day[3 * c + 1]);
        daily[1] += PoissonDeviance.of(day[3 * c], day[3 * c + 2]);
      }
    }
    long cellHours = (long) hours * cells;
    long cellDays = (long) days.size() * cells;
    return new BaselineDeviance(
        cellHours, cellDays, hourly[0] / cellHours, hourly[1] / cellHours, daily[0] / cellDays, daily[1] / cellDays);
  }

  /** The former baseline: each cell's count shrunk by one week towards the mean cell's, per hour of week. */
  private static double[][] pseudoCountRates(ForecastArea area, Map<String, int[]> counts, double weeks) {
    double[] cityMean = new double[BaselineRates.HOURS_PER_WEEK];
    for (int[] n : counts.values()) {
      for (int h = 0; h < cityMean.length; h++) {
        cityMean[h] += n[h] / weeks / counts.size();
      }
    }
    double[][] rates = new double[area.size()][BaselineRates.HOURS_PER_WEEK];
    for (int c = 0; c < area.size(); c++) {
      int[] n = counts.get(area.cell(c));
      for (int h = 0; h < cityMean.length; h++) {
        rates[c][h] = ((n == null ? 0 : n[h]) + cityMean[h]) / (weeks + 1);
      }
    }
    return rates;
  }
}
