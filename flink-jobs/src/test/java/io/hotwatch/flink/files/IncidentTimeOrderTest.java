package io.hotwatch.flink.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive-key sort gives exactly the stable sort by time, ties in their given order. */
class IncidentTimeOrderTest {

  @Test
  void wholeSecondTimesSortAsAStableSortWould() {
    List<Incident> incidents = incidents(5_000, false);
    assertThat(Arrays.asList(IncidentTimeOrder.sort(incidents))).containsExactlyElementsOf(stableSort(incidents));
  }

  @Test
  void timesWithFractionsOfASecondFallBackToTheStableObjectSort() {
    List<Incident> incidents = incidents(2_000, true);
    assertThat(Arrays.asList(IncidentTimeOrder.sort(incidents))).containsExactlyElementsOf(stableSort(incidents));
  }

  @Test
  void timesSpanningCenturiesStillSort() {
    List<Incident> incidents = new ArrayList<>(incidents(100, false));
    incidents.add(incident(0, Instant.parse("1900-01-01T00:00:00Z")));
    incidents.add(incident(1, Instant.parse("2200-01-01T00:00:00Z")));
    assertThat(Arrays.asList(IncidentTimeOrder.sort(incidents))).containsExactlyElementsOf(stableSort(incidents));
  }

  private static List<Incident> stableSort(List<Incident> incidents) {
    List<Incident> sorted = new ArrayList<>(incidents);
    sorted.sort(Comparator.comparing(Incident::occurredAt));
    return sorted;
  }

  /** Few distinct times, so that many incidents share one; ids keep them apart. */
  private static List<Incident> incidents(int n, boolean withNanos) {
    Random random = new Random(11);
    Instant base = Instant.parse("2017-07-01T05:00:00Z");
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant at = base.plusSeconds(60L * random.nextInt(50));
      if (withNanos && random.nextInt(10) == 0) {
        at = at.plusNanos(1 + random.nextInt(999_999_999));
      }
      incidents.add(incident(i, at));
    }
    return incidents;
  }

  private static Incident incident(int id, Instant at) {
    return new Incident(String.valueOf(id), "test", at, null, 41.8, -87.6, "THEFT", "THEFT", "", "1", "0112", "");
  }
}
