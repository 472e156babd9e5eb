package io.hotwatch.flink.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.flink.TestCluster;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.EventTypes;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seven weeks of real Chicago incidents (February to March 2017, over the change to daylight saving time) through
 * {@link RollingTrends#attach} on a MiniCluster with parallelism 2, against counts this test works out on its own
 * with java.time local dates instead of the operator's hour arithmetic.
 */
class RollingTrendsPipelineTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestCluster.twoSlots();

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final Instant FROM = Instant.parse("2017-02-01T06:00:00Z"); // midnight CST
  private static final Instant TO = Instant.parse("2017-03-22T05:00:00Z"); // midnight CDT
  private static final int RETRACT_EVERY = 50;

  @Test
  void trendsOfRealIncidentsCountWhatHappened() throws Exception {
    List<Incident> incidents = TestData.chicago2017(FROM, TO);
    assertThat(incidents).hasSizeGreaterThan(20_000);
    // The file holds one version of each incident, so the retractions a re-report would send are made up here:
    // every 50th incident is withdrawn right after it joined.
    List<IncidentDelta> deltas = new ArrayList<>();
    List<Incident> counted = new ArrayList<>();
    for (int i = 0; i < incidents.size(); i++) {
      // the trend path never reads the model's scores: an empty score vector stands in for them
      ScoredIncident scored = new ScoredIncident("", incidents.get(i), new float[0], 0);
      deltas.add(IncidentDelta.add(scored));
      if (i % RETRACT_EVERY == 0) {
        deltas.add(IncidentDelta.retract(scored));
      } else {
        counted.add(incidents.get(i));
      }
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.configure(EventTypes.serialization());
    env.setParallelism(2);
    DataStream<IncidentDelta> stream =
        env.fromData(deltas)
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<IncidentDelta>forMonotonousTimestamps()
                    .withTimestampAssigner((d, ts) -> d.incident().incident().occurredAt().toEpochMilli()));
    List<TrendEvent> trends = new ArrayList<>();
    long started = System.nanoTime();
    try (CloseableIterator<TrendEvent> out =
        RollingTrends.attach(stream, TrendSettings.defaults()).executeAndCollect()) {
      out.forEachRemaining(trends::add);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;

    Map<String, Map<LocalDate, Integer>> daily = new HashMap<>();
    Map<String, Map<LocalDateTime, Integer>> hourly = new HashMap<>();
    for (Incident i : counted) {
      ZonedDateTime local = i.occurredAt().atZone(CHICAGO);
      for (String key : keysOf(i)) {
        daily.computeIfAbsent(key, k -> new HashMap<>()).merge(local.toLocalDate(), 1, Integer::sum);
        hourly.computeIfAbsent(key, k -> new HashMap<>())
            .merge(local.toLocalDateTime().truncatedTo(ChronoUnit.HOURS), 1, Integer::sum);
      }
    }
    System.out.printf("trends: %d incidents, %d deltas, %d trend events, %d keys in %d ms%n",
        incidents.size(), deltas.size(), trends.size(), daily.size(), millis);

    for (TrendEvent trend : trends) {
      String key = trend.district() + "|" + trend.category();
      LocalDate end = trend.at().atZone(CHICAGO).toLocalDate();
      assertThat(trend.at().atZone(CHICAGO).toLocalTime().toSecondOfDay()).as("%s ends at midnight", key).isZero();
      Map<LocalDate, Integer> days = daily.getOrDefault(key, Map.of());
      int[] expectedDays = new int[28];
      for (int d = 0; d < 28; d++) {
        expectedDays[d] = days.getOrDefault(end.minusDays(28 - d), 0);
      }
      assertThat(trend.dailyCounts()).as("%s to %s", key, end).isEqualTo(expectedDays);
      // the 24 hours before midnight; on the day the clocks went forward they start at 23:00 the evening before
      Map<LocalDateTime, Integer> hours = hourly.getOrDefault(key, Map.of());
      int[] expectedHours = new int[24];
      for (int h = 0; h < 24; h++) {
        LocalDateTime hour = trend.at().minusSeconds(3600L * (24 - h)).atZone(CHICAGO).toLocalDateTime();
        expectedHours[h] = hours.getOrDefault(hour, 0);
      }
      assertThat(trend.hourlyCounts()).as("%s to %s", key, end).isEqualTo(expectedHours);
      checkStatistics(key, trend);
    }

    // the keys with incidents every day: one trend a day from the first midnight until their horizon is empty
    Set<String> everyDay = daily.keySet().stream().filter(k -> k.endsWith("|ALL")).collect(Collectors.toSet());
    assertThat(everyDay).hasSizeGreaterThanOrEqualTo(23).contains("CITY|ALL");
    LocalDate first = FROM.atZone(CHICAGO).toLocalDate().plusDays(1);
    LocalDate last = TO.atZone(CHICAGO).toLocalDate().plusDays(28);
    for (String key : everyDay) {
      List<TrendEvent> ofKey =
          trends.stream().filter(t -> key.equals(t.district() + "|" + t.category())).toList();
      assertThat(ofKey).extracting(t -> t.at().atZone(CHICAGO).toLocalDate())
          .as(key).containsExactlyInAnyOrderElementsOf(first.datesUntil(last.plusDays(1)).toList());
      // covered from the first day with data, or the horizon's start once that has passed
      for (TrendEvent t : ofKey) {
        Instant horizonStart = t.at().atZone(CHICAGO).minusDays(28).toInstant();
        assertThat(t.coveredSince()).as(key).isEqualTo(FROM.isAfter(horizonStart) ? FROM : horizonStart);
      }
    }
    Set<String> emitted = new HashSet<>();
    trends.forEach(t -> emitted.add(t.district() + "|" + t.category()));
    assertThat(emitted).isEqualTo(daily.keySet());
  }

  private static List<String> keysOf(Incident i) {
    return i.district().isEmpty()
        ? List.of("CITY|ALL")
        : List.of("CITY|ALL", i.district() + "|ALL", i.district() + "|" + i.category());
  }

  /** Rates and the Mann-Kendall S from the covered days, counted here pair by pair. */
  private static void checkStatistics(String key, TrendEvent trend) {
    int covered = trend.coveredDays();
    assertThat(covered).as(key).isBetween(1, 28);
    assertThat(trend.coveredSince().atZone(CHICAGO).toLocalDate())
        .isEqualTo(trend.at().atZone(CHICAGO).toLocalDate().minusDays(covered));
    int[] days = trend.dailyCounts();
    int from = 28 - covered;
    long s = 0;
    double sum = 0;
    for (int i = from; i < 28; i++) {
      sum += days[i];
      for (int j = i + 1; j < 28; j++) {
        s += Integer.signum(days[j] - days[i]);
      }
    }
    int recent = Math.min(7, covered);
    double recentSum = 0;
    for (int i = 28 - recent; i < 28; i++) {
      recentSum += days[i];
    }
    assertThat(trend.mannKendallS()).as(key).isEqualTo(s);
    assertThat(trend.horizonRate()).as(key).isCloseTo(sum / covered, within(1e-9));
    assertThat(trend.recentRate()).as(key).isCloseTo(recentSum / recent, within(1e-9));
    assertThat(trend.direction())
        .as(key)
        .isEqualTo(trend.mannKendallP() >= 0.05 ? "flat" : s > 0 ? "rising" : "falling");
    assertThat(trend.profile()).hasSize(168);
    assertThat(trend.forecast()).hasSize(24);
  }
}
