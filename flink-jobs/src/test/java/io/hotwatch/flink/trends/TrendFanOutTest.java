package io.hotwatch.flink.trends;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hotwatch.core.event.Incident;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class TrendFanOutTest {

  private static final Instant T = Instant.parse("2017-07-03T15:00:00Z");

  private static List<TrendUpdate> fanOut(String district, boolean retraction) {
    Incident incident =
        new Incident("1", "chicago-crimes", T, null, 41.88, -87.63, "NARCOTICS", "NARCOTICS", "", district, "", "");
    List<TrendUpdate> updates = new ArrayList<>();
    // scores are not read on this path
    new TrendFanOut()
        .flatMap(new IncidentDelta(new ScoredIncident("c", incident, new float[0], 0), retraction),
            new ListCollector<>(updates));
    return updates;
  }

  @Test
  void anIncidentChangesItsDistrictCategoryItsDistrictAndTheCity() {
    assertThat(fanOut("7", false))
        .extracting(TrendUpdate::key, TrendUpdate::occurredAt, TrendUpdate::sign)
        .containsExactlyInAnyOrder(
            tuple("CITY|ALL", T.toEpochMilli(), 1), tuple("7|NARCOTICS", T.toEpochMilli(), 1),
            tuple("7|ALL", T.toEpochMilli(), 1));
  }

  @Test
  void aRetractionSubtractsFromTheSameKeys() {
    assertThat(fanOut("7", true)).extracting(TrendUpdate::sign).containsOnly(-1).hasSize(3);
  }

  @Test
  void anIncidentWithoutDistrictCountsForTheCityOnly() {
    assertThat(fanOut("", false)).extracting(TrendUpdate::key).containsExactly("CITY|ALL");
  }
}
