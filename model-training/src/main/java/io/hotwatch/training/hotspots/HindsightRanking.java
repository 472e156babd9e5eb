package io.hotwatch.training.hotspots;

import java.time.Duration;
import java.time.Instant;

/**
 * Not a forecast: ranks cells by counts that include the period itself, to show how far any forecast could get. The
 * year's ranking knows every cell's count over the whole evaluation; the four weeks' ranking knows the counts of the
 * 28 days centred on the period (its seasonal level, not its own day's noise).
 */
final class HindsightRanking implements CellForecaster {

  private final IncidentTimeline timeline;
  private final int areaSize;
  private final Instant from;
  private final Instant to;
  /** Null for the whole evaluation; else the window centred on each period. */
  private final Duration window;

  private HindsightRanking(IncidentTimeline timeline, int areaSize, Instant from, Instant to, Duration window) {
    this.timeline = timeline;
    this.areaSize = areaSize;
    this.from = from;
    this.to = to;
    this.window = window;
  }

  /** Every cell's count over [from, to). */
  static HindsightRanking wholeEvaluation(IncidentTimeline timeline, int areaSize, Instant from, Instant to) {
    return new HindsightRanking(timeline, areaSize, from, to, null);
  }

  /** Every cell's count in the window centred on the period. */
  static HindsightRanking around(IncidentTimeline timeline, int areaSize, Duration window) {
    return new HindsightRanking(timeline, areaSize, null, null, window);
  }

  @Override
  public void observe(int i) {
    // counts are read straight from the timeline, future included
  }

  @Override
  public double[] scores(Period period) {
    int[] counts;
    if (window == null) {
      counts = timeline.counts(from, to, areaSize);
    } else {
      Instant middle = period.start().plus(Duration.between(period.start(), period.end()).dividedBy(2));
      counts = timeline.counts(middle.minus(window.dividedBy(2)), middle.plus(window.dividedBy(2)), areaSize);
    }
    double[] scores = new double[areaSize];
    for (int c = 0; c < areaSize; c++) {
      scores[c] = counts[c];
    }
    return scores;
  }
}
