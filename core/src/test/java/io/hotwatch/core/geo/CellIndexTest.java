package io.hotwatch.core.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Polygon;
import java.util.List;
import org.junit.jupiter.api.Test;

class CellIndexTest {

  @Test
  void pointFallsInItsCellWhoseCentreIsNearby() {
    CellIndex index = new CellIndex(8);
    String cell = index.cellOf(41.8781, -87.6298);
    assertThat(CellIndex.resolutionOf(cell)).isEqualTo(8);
    assertThat(CellIndex.contains(cell, 41.8781, -87.6298)).isTrue();
    GeoPoint c = CellIndex.centroid(cell);
    // a resolution-8 cell has an edge of about 460 m: its centre is within ~0.006 degrees of any point inside
    assertThat(c.lat()).isCloseTo(41.8781, within(0.006));
    assertThat(c.lon()).isCloseTo(-87.6298, within(0.008));
  }

  @Test
  void boundaryIsAClosedHexagonRingOfLonLat() {
    String cell = new CellIndex(8).cellOf(41.8781, -87.6298);
    Polygon p = CellIndex.boundary(cell);
    assertThat(p.type()).isEqualTo("Polygon");
    List<List<Double>> ring = p.coordinates().get(0);
    assertThat(ring).hasSize(7);
    assertThat(ring.get(0)).isEqualTo(ring.get(6));
    assertThat(ring.get(0).get(0)).isBetween(-88.0, -87.0); // longitude first
  }

  @Test
  void diskHoldsTheCellAndItsSixNeighbours() {
    String cell = new CellIndex(8).cellOf(41.8781, -87.6298);
    assertThat(CellIndex.disk(cell, 1)).hasSize(7).contains(cell);
  }
}
