package io.hotwatch.training.hotspots;

/** Ranks cells by their incidents in the period just before: yesterday's for tomorrow, last week's for next week. */
final class PreviousPeriodForecaster implements CellForecaster {

  private final IncidentTimeline timeline;
  private final int areaSize;

  PreviousPeriodForecaster(IncidentTimeline timeline, int areaSize) {
    this.timeline = timeline;
    this.areaSize = areaSize;
  }

  @Override
  public void observe(int i) {
    // counts are read straight from the timeline
  }

  @Override
  public double[] scores(Period period) {
    int[] counts = timeline.counts(period.previousStart(), period.start(), areaSize);
    double[] scores = new double[areaSize];
    for (int c = 0; c < areaSize; c++) {
      scores[c] = counts[c];
    }
    return scores;
  }
}
