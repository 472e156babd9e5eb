package io.hotwatch.training.hotspots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.OnlineBaseline;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts of Hotwatch's expected count for Saturday 4 February 2017, on real incidents (baseline: the first quarter
 * of 2016; stream: January 2017), each against a value worked out here from the incidents themselves.
 */
class IntensityComponentsTest {

  private static final List<Duration> HALF_LIVES = List.of(Duration.ofDays(1), Duration.ofDays(7));
  private static final Instant SATURDAY = WinterIncidents.chicagoMidnight(2017, 2, 4);
  private static final Instant SUNDAY = WinterIncidents.chicagoMidnight(2017, 2, 5);
  private static final Instant ONLINE_FROM = WinterIncidents.chicagoMidnight(2017, 1, 1);

  private static ForecastArea area;
  private static IncidentTimeline timeline;
  private static BaselineRates baseline;
  private static double[][] parts;
  private static OnlineBaseline online;

  @BeforeAll
  static void partsForSaturday() throws Exception {
    area = new ForecastArea(WinterIncidents.all(), WinterIncidents.STREAM_TO, 8);
    timeline = new IncidentTimeline(WinterIncidents.all(), area);
    baseline = WinterIncidents.baseline();
    online = new OnlineBaseline(baseline, ONLINE_FROM, Duration.ofDays(14), 30);
    IntensityComponents components =
        new IntensityComponents(timeline, area, baseline, online, HALF_LIVES);
    for (int i = 0; timeline.atMillis[i] < SATURDAY.toEpochMilli(); i++) {
      components.observe(i);
    }
    parts = components.at(new Period(WinterIncidents.chicagoMidnight(2017, 2, 3), SATURDAY, SUNDAY));
  }

  @Test
  void namesOneColumnPerPart() {
    assertThat(IntensityComponents.names(HALF_LIVES))
        .containsExactly(
            "baseline", "onlineBaseline", "sameWeeksEarlierYears", "cell1d", "ring1d", "cell7d", "ring7d");
    assertThat(parts[0]).hasSize(7);
  }

  @Test
  void theBaselinesAreTheirExpectedCountsForTheDay() {
    for (int c = 0; c < area.size(); c++) {
      assertThat(parts[c][0]).isEqualTo(baseline.expected(area.cell(c), SATURDAY, SUNDAY));
      assertThat(parts[c][1]).isCloseTo(online.expected(area.cell(c), SATURDAY, SUNDAY), within(1e-12));
    }
  }

  @Test
  void recentActivityIsTheDecayedCountOfTheCellAndOfItsRingShapedToASaturday() {
    int busiest = busiestCell();
    double shape = shape(busiest);
    double cellDay = 0;
    double ringWeek = 0;
    List<Integer> ring = java.util.Arrays.stream(area.neighbours(busiest)).boxed().toList();
    for (int i = timeline.firstAtOrAfter(WinterIncidents.STREAM_FROM); timeline.atMillis[i] < SATURDAY.toEpochMilli();
        i++) {
      double daysAgo = (SATURDAY.toEpochMilli() - timeline.atMillis[i]) / (double) Duration.ofDays(1).toMillis();
      if (timeline.areaCell[i] == busiest) {
        cellDay += Math.pow(0.5, daysAgo);
      } else if (ring.contains(timeline.areaCell[i])) {
        ringWeek += Math.pow(0.5, daysAgo / 7);
      }
    }

    assertThat(ring).hasSizeBetween(1, 6);
    assertThat(cellDay).isPositive();
    assertThat(parts[busiest][3]).isCloseTo(cellDay * shape, within(1e-9));
    assertThat(parts[busiest][6]).isCloseTo(ringWeek * shape, within(1e-9));
  }

  @Test
  void earlierYearsCountTheSameEightWeeksOfTheYearBeforeScaledToADay() {
    int busiest = busiestCell();
    // 364 days back is Saturday 6 February 2016; the window is the 56 days centred on it
    Instant centre = WinterIncidents.chicagoMidnight(2016, 2, 6);
    int[] counts =
        timeline.counts(centre.minus(Duration.ofDays(28)), centre.plus(Duration.ofDays(28)), area.size());

    assertThat(counts[busiest]).isPositive();
    assertThat(parts[busiest][2]).isCloseTo(counts[busiest] / 56.0 * shape(busiest), within(1e-9));
  }

  /** The cell's baseline for Saturday against its average day. */
  private static double shape(int cell) {
    String id = area.cell(cell);
    return baseline.expected(id, SATURDAY, SUNDAY) / (baseline.expected(id, SATURDAY, SATURDAY.plus(Duration.ofDays(7)))
        / 7);
  }

  private static int busiestCell() {
    int[] january = timeline.counts(WinterIncidents.STREAM_FROM, SATURDAY, area.size());
    int busiest = 0;
    for (int c = 1; c < january.length; c++) {
      busiest = january[c] > january[busiest] ? c : busiest;
    }
    return busiest;
  }
}
