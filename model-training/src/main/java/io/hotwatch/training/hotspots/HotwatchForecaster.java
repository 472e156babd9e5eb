package io.hotwatch.training.hotspots;

import io.hotwatch.core.model.OnlineBaseline;

/** Ranks cells by Hotwatch's expected count for the period: the smoothed baseline, updated online by the stream. */
final class HotwatchForecaster implements CellForecaster {

  private final IncidentTimeline timeline;
  private final ForecastArea area;
  private final OnlineBaseline online;

  HotwatchForecaster(IncidentTimeline timeline, ForecastArea area, OnlineBaseline online) {
    this.timeline = timeline;
    this.area = area;
    this.online = online;
  }

  @Override
  public void observe(int i) {
    // the online baseline's history starts where its warm-up does; older incidents are in the fitted baseline only
    if (!timeline.at(i).isBefore(online.start())) {
      online.observe(timeline.cell[i], timeline.at(i));
    }
  }

  @Override
  public double[] scores(Period period) {
    online.advanceTo(period.start());
    double[] scores = new double[area.size()];
    for (int c = 0; c < scores.length; c++) {
      scores[c] = online.expected(area.cell(c), period.start(), period.end());
    }
    return scores;
  }
}
