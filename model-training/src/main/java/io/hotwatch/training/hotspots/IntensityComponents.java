package io.hotwatch.training.hotspots;

import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.OnlineBaseline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts Hotwatch's expected count for a cell and a coming period is built from, each itself a count for the
 * period: the smoothed long-run baseline (its hour-of-week shape integrated over the period), the online-updated
 * baseline, the same weeks of earlier years, and recent activity at several time scales in the cell and in its ring
 * of H3 neighbours.
 *
 * <p>Recent activity is a decayed count of past incidents, what an exponential (self-exciting, Hawkes-like) kernel of
 * that half-life still carries forward: a one-day half-life is the near-repeat boost after the last day's incidents,
 * longer ones the cell's current level. The parts read from raw counts (recent activity, earlier years) are multiplied
 * by the cell's hour-of-week shape for the period (its baseline expectation for the period over its average for a
 * period of that length): last week's incidents say more about a Saturday in a nightlife cell than about a Tuesday.
 */
final class IntensityComponents {

  static final String BASELINE = "baseline";
  static final String ONLINE = "onlineBaseline";
  static final String EARLIER_YEARS = "sameWeeksEarlierYears";
  /** A year back in whole weeks, so that the days of the week line up. */
  static final Duration YEAR_OF_WEEKS = Duration.ofDays(364);
  /** Width of the window around the same time of an earlier year: wide enough to be more than noise. */
  static final Duration SEASON_WINDOW = Duration.ofDays(56);

  private static final long WEEK_MILLIS = Duration.ofDays(7).toMillis();

  private final IncidentTimeline timeline;
  private final ForecastArea area;
  private final BaselineRates baseline;
  private final OnlineBaseline online;
  private final List<RecentActivity> recent = new ArrayList<>();

  /**
   * @param online the online baseline, fed here
   * @param halfLives the time scales of recent activity
   */
  IntensityComponents(
      IncidentTimeline timeline, ForecastArea area, BaselineRates baseline, OnlineBaseline online,
      List<Duration> halfLives) {
    this.timeline = timeline;
    this.area = area;
    this.baseline = baseline;
    this.online = online;
    for (Duration halfLife : halfLives) {
      recent.add(new RecentActivity(halfLife, area.size()));
    }
  }

  /** Names of the components for these time scales, in the order of {@link #at}'s columns. */
  static List<String> names(List<Duration> halfLives) {
    List<String> names = new ArrayList<>(List.of(BASELINE, ONLINE, EARLIER_YEARS));
    for (Duration halfLife : halfLives) {
      names.add("cell" + label(halfLife));
      names.add("ring" + label(halfLife));
    }
    return names;
  }

  List<String> names() {
    return names(recent.stream().map(RecentActivity::halfLife).toList());
  }

  /** Takes in incident {@code i} of the timeline; incidents come in time order. */
  void observe(int i) {
    // the online baseline's history starts where its warm-up does; older incidents are in the fitted baseline only
    if (!timeline.at(i).isBefore(online.start())) {
      online.observe(timeline.cell[i], timeline.at(i));
    }
    int cell = timeline.areaCell[i];
    if (cell >= 0) {
      for (RecentActivity activity : recent) {
        activity.observe(cell, timeline.atMillis[i]);
      }
    }
  }

  /** Per area cell, the components for the period, from the incidents observed so far (all before it). */
  double[][] at(Period period) {
    Instant start = period.start();
    Instant end = period.end();
    long startMillis = start.toEpochMilli();
    double periodWeeks = (end.toEpochMilli() - startMillis) / (double) WEEK_MILLIS;
    Instant weekLater = start.plusMillis(WEEK_MILLIS);
    online.advanceTo(start);
    double[] earlierYears = sameSeason(start);
    double seasonScale = (end.toEpochMilli() - startMillis) / (double) SEASON_WINDOW.toMillis();
    double[][] parts = new double[area.size()][3 + 2 * recent.size()];
    for (int c = 0; c < parts.length; c++) {
      String cell = area.cell(c);
      double expected = baseline.expected(cell, start, end);
      double shape = expected / (baseline.expected(cell, start, weekLater) * periodWeeks);
      double[] row = parts[c];
      row[0] = expected;
      row[1] = online.expected(cell, start, end);
      row[2] = earlierYears[c] * seasonScale * shape;
      int j = 3;
      for (RecentActivity activity : recent) {
        double ring = 0;
        for (int n : area.neighbours(c)) {
          ring += activity.at(n, startMillis);
        }
        row[j++] = activity.at(c, startMillis) * shape;
        row[j++] = ring * shape;
      }
    }
    return parts;
  }

  /**
   * Per cell, the incidents in a {@link #SEASON_WINDOW} centred on the same time of each earlier year of the baseline's
   * range, averaged over those years; a window cut by the range's start counts pro rata, one cut below a quarter of its
   * width not at all.
   */
  private double[] sameSeason(Instant start) {
    double[] mean = new double[area.size()];
    int years = 0;
    long full = SEASON_WINDOW.toMillis();
    for (int back = 1; ; back++) {
      Instant centre = start.minus(YEAR_OF_WEEKS.multipliedBy(back));
      Instant from = centre.minus(SEASON_WINDOW.dividedBy(2));
      Instant to = centre.plus(SEASON_WINDOW.dividedBy(2));
      if (from.isBefore(baseline.from())) {
        from = baseline.from();
      }
      long covered = to.toEpochMilli() - from.toEpochMilli();
      if (covered < full / 4) {
        break;
      }
      int[] counts = timeline.counts(from, to, area.size());
      for (int c = 0; c < mean.length; c++) {
        mean[c] += counts[c] * (full / (double) covered);
      }
      years++;
    }
    for (int c = 0; c < mean.length && years > 0; c++) {
      mean[c] /= years;
    }
    return mean;
  }

  private static String label(Duration halfLife) {
    return halfLife.toHours() % 24 == 0 ? halfLife.toDays() + "d" : halfLife.toHours() + "h";
  }
}
