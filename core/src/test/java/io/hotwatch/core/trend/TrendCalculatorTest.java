package io.hotwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrendCalculatorTest {

  private static final LocalHours CHICAGO = LocalHours.CHICAGO;
  private static final TrendCalculator CALCULATOR = new TrendCalculator(28, 7, 0.05);
  /** Monday 2017-06-05 00:00 CDT; 28 days later is Monday 2017-07-03 00:00 CDT, no clock change between. */
  private static final long START = LocalHours.epochHour(Instant.parse("2017-06-05T05:00:00Z").toEpochMilli());
  private static final long END = START + 28 * 24;

  private static TrendEvent calculate(int[] counts, long coveredFrom) {
    return CALCULATOR.calculate("11", "THEFT", CALCULATOR.window(END), counts, coveredFrom);
  }

  @Test
  void oneIncidentEveryEveningIsFlatAndPerfectlyForecast() {
    int[] counts = new int[28 * 24];
    for (int day = 0; day < 28; day++) {
      counts[day * 24 + 20] = 1;
    }
    TrendEvent trend = calculate(counts, START);

    assertThat(trend.kind()).isEqualTo("trend");
    assertThat(trend.at()).isEqualTo(Instant.parse("2017-07-03T05:00:00Z"));
    assertThat(trend.coveredSince()).isEqualTo(Instant.parse("2017-06-05T05:00:00Z"));
    assertThat(trend.coveredDays()).isEqualTo(28);
    assertThat(trend.dailyCounts()).hasSize(28).containsOnly(1);
    assertThat(trend.hourlyCounts()).hasSize(24).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 1, 0, 0, 0);
    assertThat(trend.recentRate()).isEqualTo(1.0);
    assertThat(trend.horizonRate()).isEqualTo(1.0);
    assertThat(trend.rateRatio()).isEqualTo(1.0);
    assertThat(trend.mannKendallS()).isZero();
    assertThat(trend.mannKendallP()).isEqualTo(1.0);
    assertThat(trend.senSlope()).isZero();
    assertThat(trend.direction()).isEqualTo("flat");
    for (int h = 0; h < 168; h++) {
      assertThat(trend.profile()[h]).as("hour of week %d", h).isEqualTo(h % 24 == 20 ? 1.0 : 0.0);
    }
    assertThat(trend.forecast()).hasSize(24);
    assertThat(trend.forecast()[20]).isEqualTo(1.0);
    assertThat(trend.forecastTotal()).isEqualTo(1.0);
    assertThat(trend.forecastErrorHours()).isEqualTo(3 * 168);
    assertThat(trend.forecastMae()).isZero();
    // the naive forecast made no error either: nothing to scale by
    assertThat(trend.forecastMase()).isNull();
  }

  /** Day d has d incidents: every pair of days rises, S = 28 * 27 / 2 = 378, and Sen's slope is 1 a day. */
  @Test
  void aSteadyRiseIsRising() {
    int[] counts = new int[28 * 24];
    for (int day = 0; day < 28; day++) {
      counts[day * 24 + 12] = day;
    }
    TrendEvent trend = calculate(counts, START);

    assertThat(trend.mannKendallS()).isEqualTo(378);
    assertThat(trend.mannKendallTau()).isEqualTo(1.0);
    assertThat(trend.mannKendallP()).isLessThan(1e-6);
    assertThat(trend.senSlope()).isEqualTo(1.0);
    assertThat(trend.direction()).isEqualTo("rising");
    assertThat(trend.recentRate()).isEqualTo(24.0); // mean of 21..27
    assertThat(trend.horizonRate()).isEqualTo(13.5);
    assertThat(trend.rateRatio()).isCloseTo(24 / 13.5, within(1e-12));
  }

  /**
   * One hour of the week has 2, 4, 0 and 6 incidents in the four weeks, every other hour none. By hand: week 2 is
   * forecast 2 (error 2; last week's count 2, error 2), week 3 (2 + 4) / 2 = 3 (error 3; naive 4), week 4 2 (error 4;
   * naive 6). Over the 504 hours that have an earlier week: MAE = 9 / 504, naive 12 / 504, MASE = 0.75.
   */
  @Test
  void forecastErrorIsMeasuredOneHourAheadAgainstLastWeeksCount() {
    int[] counts = new int[28 * 24];
    int[] weekly = {2, 4, 0, 6};
    int wednesday9 = 2 * 24 + 9;
    for (int week = 0; week < 4; week++) {
      counts[week * 168 + wednesday9] = weekly[week];
    }
    TrendEvent trend = calculate(counts, START);

    assertThat(trend.forecastErrorHours()).isEqualTo(504);
    assertThat(trend.forecastMae()).isCloseTo(9 / 504.0, within(1e-12));
    assertThat(trend.forecastMase()).isCloseTo(0.75, within(1e-12));
    assertThat(trend.profile()[wednesday9]).isEqualTo(3.0);
    assertThat(trend.forecastTotal()).isZero(); // the next 24 hours are a Monday
    assertThat(trend.dailyCounts()[2]).isEqualTo(2);
    assertThat(trend.dailyCounts()[23]).isEqualTo(6);
  }

  @Test
  void daysBeforeTheCoverageAreNotData() {
    int[] counts = new int[28 * 24];
    for (int day = 14; day < 28; day++) {
      counts[day * 24 + 3] = 2;
    }
    TrendEvent covered = calculate(counts, START + 14 * 24);
    TrendEvent whole = calculate(counts, START);

    assertThat(covered.coveredDays()).isEqualTo(14);
    assertThat(covered.coveredSince()).isEqualTo(Instant.parse("2017-06-19T05:00:00Z"));
    assertThat(covered.direction()).isEqualTo("flat");
    assertThat(covered.horizonRate()).isEqualTo(2.0);
    assertThat(covered.profile()[3]).isEqualTo(2.0); // two Mondays, both with 2
    // had the first fortnight been zeros, the same counts would read as a rise
    assertThat(whole.direction()).isEqualTo("rising");
    assertThat(whole.horizonRate()).isEqualTo(1.0);
    assertThat(whole.profile()[3]).isEqualTo(1.0);
  }

  @Test
  void aWindowOverTheSpringChangeHas671HoursAndA23HourDay() {
    long start = CHICAGO.dayStart(LocalHours.epochHour(Instant.parse("2017-02-27T12:00:00Z").toEpochMilli()));
    long end = CHICAGO.plusDays(start, 28);
    int[] counts = new int[(int) (end - start)];
    Arrays.fill(counts, 1);
    TrendWindow window = CALCULATOR.window(end);
    TrendEvent trend = CALCULATOR.calculate("CITY", "ALL", window, counts, start);

    assertThat(window.start()).isEqualTo(start);

    assertThat(counts).hasSize(671);
    assertThat(trend.dailyCounts()[13]).isEqualTo(23); // Sunday 2017-03-12
    assertThat(Arrays.stream(trend.dailyCounts()).filter(c -> c == 24).count()).isEqualTo(27);
    assertThat(trend.at()).isEqualTo(Instant.parse("2017-03-27T05:00:00Z"));
  }

  @Test
  void theEventReadsBackFromItsJson() throws Exception {
    int[] counts = new int[28 * 24];
    counts[100] = 3;
    TrendEvent trend = calculate(counts, START + 24);
    ObjectMapper mapper = EventCodec.newObjectMapper();
    String json = mapper.writeValueAsString(trend);

    assertThat(json).contains("\"kind\":\"trend\"", "\"at\":\"2017-07-03T05:00:00Z\"", "\"rateRatio\":")
        .doesNotContain("\"key\"");
    assertThat(mapper.readValue(json, TrendEvent.class)).usingRecursiveComparison().isEqualTo(trend);
    assertThat(trend.key()).isEqualTo("11|THEFT");
  }

  @Test
  void refusesCountsThatDoNotFillTheWindowAndEndsThatAreNotMidnights() {
    assertThatThrownBy(() -> CALCULATOR.calculate("1", "ALL", CALCULATOR.window(END), new int[28 * 24 - 1], START))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CALCULATOR.window(END + 1)).hasMessageContaining("is not a local midnight");
    TrendWindow week = TrendWindow.ending(END, 7, CHICAGO);
    assertThatThrownBy(() -> CALCULATOR.calculate("1", "ALL", week, new int[7 * 24], START))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TrendCalculator(28, 30, 0.05)).hasMessageContaining("recent days 30");
  }
}
