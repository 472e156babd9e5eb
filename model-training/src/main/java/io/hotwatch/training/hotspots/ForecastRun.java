package io.hotwatch.training.hotspots;

import io.hotwatch.core.model.BaselineRates;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks the periods of a horizon through [from, to), feeding each method the incidents before each period. */
final class ForecastRun {

  private ForecastRun() {}

  /**
   * Tallies every method; with {@code devianceOf} naming a method whose scores are expected counts, its Poisson
   * deviance too.
   */
  static Map<String, ForecastTally> run(
      IncidentTimeline timeline, ForecastArea area, Instant from, Instant to, Horizon horizon,
      Map<String, CellForecaster> methods, int[] cellCounts, String devianceOf) {
    Map<String, ForecastTally> tallies = new LinkedHashMap<>();
    methods.keySet().forEach(name -> tallies.put(name, new ForecastTally(cellCounts)));
    int fed = 0;
    for (Period period : periods(from, to, horizon)) {
      long startMillis = period.start().toEpochMilli();
      for (; fed < timeline.size() && timeline.atMillis[fed] < startMillis; fed++) {
        for (CellForecaster method : methods.values()) {
          method.observe(fed);
        }
      }
      int[] counts = timeline.counts(period.start(), period.end(), area.size());
      for (Map.Entry<String, CellForecaster> method : methods.entrySet()) {
        double[] scores = method.getValue().scores(period);
        ForecastTally tally = tallies.get(method.getKey());
        tally.add(scores, counts);
        if (method.getKey().equals(devianceOf)) {
          tally.addDeviance(scores, counts);
        }
      }
    }
    return tallies;
  }

  /** The whole periods of a horizon from {@code from} (Chicago calendar steps) that end by {@code to}. */
  static List<Period> periods(Instant from, Instant to, Horizon horizon) {
    List<Period> periods = new ArrayList<>();
    ZonedDateTime start = from.atZone(BaselineRates.ZONE);
    while (!start.plus(horizon.length).toInstant().isAfter(to)) {
      Instant end = start.plus(horizon.length).toInstant();
      periods.add(new Period(start.minus(horizon.length).toInstant(), start.toInstant(), end));
      start = start.plus(horizon.length);
    }
    return periods;
  }
}
