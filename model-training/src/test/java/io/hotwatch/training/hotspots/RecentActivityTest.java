package io.hotwatch.training.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Decayed counts per cell, against sums worked out here over the real incidents of January 2017. */
class RecentActivityTest {

  @Test
  void eachCellsCountIsItsIncidentsWeightedByHalvingPerHalfLife() throws Exception {
    ForecastArea area = new ForecastArea(WinterIncidents.all(), WinterIncidents.STREAM_TO, 8);
    IncidentTimeline timeline = new IncidentTimeline(WinterIncidents.all(), area);
    RecentActivity activity = new RecentActivity(Duration.ofDays(7), area.size());
    long asked = WinterIncidents.chicagoMidnight(2017, 2, 1).toEpochMilli();
    Map<Integer, Double> byHand = new HashMap<>();
    for (int i = timeline.firstAtOrAfter(WinterIncidents.STREAM_FROM); timeline.atMillis[i] < asked; i++) {
      activity.observe(timeline.areaCell[i], timeline.atMillis[i]);
      double weeksAgo = (asked - timeline.atMillis[i]) / (double) Duration.ofDays(7).toMillis();
      byHand.merge(timeline.areaCell[i], Math.pow(0.5, weeksAgo), Double::sum);
    }

    assertThat(byHand).hasSizeGreaterThan(500);
    for (Map.Entry<Integer, Double> cell : byHand.entrySet()) {
      assertThat(activity.at(cell.getKey(), asked)).isCloseTo(cell.getValue(), within(1e-9 * (1 + cell.getValue())));
    }
    int quiet = 0;
    while (byHand.containsKey(quiet)) {
      quiet++;
    }
    assertThat(activity.at(quiet, asked)).isZero();
  }

  @Test
  void aWeekLaterWithoutIncidentsEveryCountHasHalved() throws Exception {
    ForecastArea area = new ForecastArea(WinterIncidents.all(), WinterIncidents.STREAM_TO, 8);
    IncidentTimeline timeline = new IncidentTimeline(WinterIncidents.all(), area);
    RecentActivity activity = new RecentActivity(Duration.ofDays(7), area.size());
    int i = timeline.firstAtOrAfter(WinterIncidents.STREAM_FROM);
    for (int n = 0; n < 1000; n++, i++) {
      activity.observe(timeline.areaCell[i], timeline.atMillis[i]);
    }
    long last = timeline.atMillis[i - 1];
    int cell = timeline.areaCell[i - 1];
    long weekLater = last + Duration.ofDays(7).toMillis();

    assertThat(activity.at(cell, weekLater)).isCloseTo(activity.at(cell, last) / 2, within(1e-12));
    assertThatThrownBy(() -> new RecentActivity(Duration.ZERO, 3)).hasMessageContaining("must be positive");
  }
}
