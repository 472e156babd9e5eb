package io.hotwatch.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Polygon;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentShapeTest {

  private static HeldIncident at(String id, double lat, double lon) {
    return new HeldIncident(id, "x", 0, lat, lon, "THEFT", new float[0]);
  }

  @Test
  void theLocalPlaneMeasuresCityDistancesInMetresAsTheGreatCircleDoes() {
    // one degree of latitude is 111.19 km on the mean sphere
    assertThat(IncidentShape.METRES_PER_DEGREE).isCloseTo(111_195, within(5.0));
    IncidentShape.LocalPlane plane = IncidentShape.LocalPlane.around(List.of(at("a", 41.88, -87.63)));
    // 250 m to the north-east and 3 km to the west, against the haversine distance worked out here
    double[][] targets = {{41.88159, -87.62787}, {41.88, -87.666}};
    for (double[] t : targets) {
      double[] xy = plane.project(t[0], t[1]);
      assertThat(Math.hypot(xy[0], xy[1])).isCloseTo(haversine(41.88, -87.63, t[0], t[1]), within(0.5));
    }
  }

  private static double haversine(double lat1, double lon1, double lat2, double lon2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double h =
        Math.pow(Math.sin((p2 - p1) / 2), 2)
            + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(Math.toRadians(lon2 - lon1) / 2), 2);
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
  }

  @Test
  void theHullOfTheLargestGroupLeavesTheOutliersOut() {
    List<HeldIncident> incidents = new ArrayList<>();
    // a square about 70 m a side, its centre, and a lone incident 2 km away
    incidents.add(at("a", 41.8800, -87.6300));
    incidents.add(at("b", 41.8806, -87.6300));
    incidents.add(at("c", 41.8806, -87.6292));
    incidents.add(at("d", 41.8800, -87.6292));
    incidents.add(at("e", 41.8803, -87.6296));
    incidents.add(at("far", 41.8980, -87.6300));
    Polygon shape = new IncidentShape(250, 3).outline(incidents);

    List<List<Double>> ring = shape.coordinates().get(0);
    assertThat(ring).hasSize(5); // four corners, closed
    assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
    assertThat(ring).allMatch(p -> p.get(1) < 41.881); // the far incident is not on it
    assertThat(ring).noneMatch(p -> p.get(0) == -87.6296); // the centre is inside, not a vertex
  }

  @Test
  void noAreaNoShape() {
    assertThat(new IncidentShape(250, 3).outline(List.of(at("a", 41.88, -87.63), at("b", 41.8801, -87.63)))).isNull();
    // on one line
    assertThat(new IncidentShape(250, 3)
        .outline(List.of(at("a", 41.88, -87.63), at("b", 41.8801, -87.63), at("c", 41.8802, -87.63)))).isNull();
    // too far apart to form a group
    assertThat(new IncidentShape(250, 3)
        .outline(List.of(at("a", 41.88, -87.63), at("b", 41.89, -87.63), at("c", 41.88, -87.60)))).isNull();
  }
}
