package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.IncidentInCell;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.junit.jupiter.api.Test;

class CellAssignerTest {

  private static BaselineRates baselineAt(int resolution) {
    return BaselineRates.fit(
        Stream.empty(), resolution, Instant.parse("2016-01-04T06:00:00Z"), Instant.parse("2016-02-01T06:00:00Z"));
  }

  @Test
  void placesEachRealIncidentInTheCellThatContainsIt() throws Exception {
    CellAssigner assigner = CellAssigner.matching(baselineAt(8), 8);
    assigner.open(DefaultOpenContext.INSTANCE);

    List<Incident> incidents = TestData.chicago2017First(200);
    for (Incident incident : incidents) {
      IncidentInCell placed = assigner.map(incident);
      assertThat(placed.incident()).isSameAs(incident);
      assertThat(CellIndex.resolutionOf(placed.cellId())).isEqualTo(8);
      assertThat(CellIndex.contains(placed.cellId(), incident.latitude(), incident.longitude())).isTrue();
    }
    // a city's worth of incidents spreads over many cells, not one
    assertThat(incidents.stream().map(i -> assignerCell(assigner, i)).distinct().count()).isGreaterThan(50);
  }

  private static String assignerCell(CellAssigner assigner, Incident incident) {
    return assigner.map(incident).cellId();
  }

  @Test
  void refusesAResolutionOtherThanTheBaselines() {
    assertThatThrownBy(() -> CellAssigner.matching(baselineAt(8), 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("H3 resolution 9")
        .hasMessageContaining("baseline's resolution 8");
  }
}
