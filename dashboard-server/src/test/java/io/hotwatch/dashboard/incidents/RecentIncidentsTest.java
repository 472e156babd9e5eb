package io.hotwatch.dashboard.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.dashboard.ScoredIncidents;
import io.hotwatch.dashboard.stream.Scope;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the server keeps for snapshots, on real scored incidents of the bundled month: bounded by count and time. */
class RecentIncidentsTest {

  private static List<IncidentScore> scores;

  @BeforeAll
  static void score() throws Exception {
    scores = ScoredIncidents.between(Instant.parse("2017-07-14T15:00:00Z"), Instant.parse("2017-07-14T19:00:00Z"));
    assertThat(scores).hasSizeGreaterThan(100);
  }

  @Test
  void keepsTheLastWindowOfEventTimeNewestFirst() {
    RecentIncidents recent = new RecentIncidents(new IncidentSettings(10_000, Duration.ofHours(1)));
    scores.forEach(s -> recent.put(s, Scope.UNSCOPED));
    Instant newest = scores.get(scores.size() - 1).occurredAt();
    List<IncidentScore> expected = scores.stream()
        .filter(s -> !s.occurredAt().isBefore(newest.minus(Duration.ofHours(1))))
        .sorted(Comparator.comparing(IncidentScore::occurredAt).thenComparing(IncidentScore::incidentId).reversed())
        .toList();
    assertThat(expected).hasSizeLessThan(scores.size());
    assertThat(recent.newestFirst()).extracting(RecentIncidents.Recent::incident).isEqualTo(expected);
  }

  @Test
  void keepsAtMostTheLimitDroppingTheOldest() {
    RecentIncidents recent = new RecentIncidents(new IncidentSettings(25, Duration.ofDays(1)));
    scores.forEach(s -> recent.put(s, Scope.UNSCOPED));
    assertThat(recent.size()).isEqualTo(25);
    assertThat(recent.newestFirst()).extracting(r -> r.incident().incidentId())
        .containsExactlyInAnyOrderElementsOf(
            scores.subList(scores.size() - 25, scores.size()).stream().map(IncidentScore::incidentId).toList());
  }

  @Test
  void aReReportReplacesItsEarlierVersion() {
    RecentIncidents recent = new RecentIncidents(new IncidentSettings(100, Duration.ofDays(1)));
    IncidentScore first = scores.get(0);
    recent.put(first, Scope.UNSCOPED);
    recent.put(scores.get(1), Scope.UNSCOPED);
    // the same incident reported again with a corrected time, as a re-report comes from the job under its id
    IncidentScore corrected = new IncidentScore(
        first.kind(), first.incidentId(), first.source(), first.occurredAt().plusSeconds(7200), first.latitude(),
        first.longitude(), first.cell(), first.district(), first.beat(), first.category(), first.probability(),
        first.top(), first.surprise(), first.model());
    recent.put(corrected, Scope.UNSCOPED);
    assertThat(recent.newestFirst()).extracting(RecentIncidents.Recent::incident)
        .containsExactly(corrected, scores.get(1));
  }
}
