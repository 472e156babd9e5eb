package io.hotwatch.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The grid DBSCAN gives commons-math's clusters, point for point, on real Chicago incident positions. */
class PlanarDbscanTest {

  private static final Path MONTH =
      Path.of(System.getProperty("hotwatch.home", "..")).resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");

  private static List<HeldIncident> july;

  @BeforeAll
  static void read() throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(MONTH)) {
      july = rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .map(i -> new HeldIncident(i.id(), "", i.occurredAt().toEpochMilli(), i.latitude(), i.longitude(),
              i.category(), new float[0]))
          .toList();
    }
  }

  @Test
  void onRealNeighbourhoodsItFindsCommonsMathsClustersInTheSameOrder() {
    Random random = new Random(7);
    int nonTrivial = 0;
    for (int sample = 0; sample < 60; sample++) {
      // the incidents within about 2 km of a random one (a week-long hotspot's reach), a random share of them
      HeldIncident centre = july.get(random.nextInt(july.size()));
      double keep = 0.05 + random.nextDouble() * 0.95;
      List<HeldIncident> near = new ArrayList<>();
      for (HeldIncident i : july) {
        if (Math.abs(i.latitude() - centre.latitude()) < 0.018 && Math.abs(i.longitude() - centre.longitude()) < 0.024
            && random.nextDouble() < keep) {
          near.add(i);
        }
      }
      IncidentShape.LocalPlane plane = IncidentShape.LocalPlane.around(near);
      double[] x = new double[near.size()];
      double[] y = new double[near.size()];
      List<DoublePoint> points = new ArrayList<>();
      for (int i = 0; i < near.size(); i++) {
        double[] xy = plane.project(near.get(i).latitude(), near.get(i).longitude());
        x[i] = xy[0];
        y[i] = xy[1];
        points.add(new DoublePoint(xy));
      }
      for (int minNeighbours : new int[] {2, 4}) {
        List<List<List<Double>>> expected = new ArrayList<>();
        for (Cluster<DoublePoint> c : new DBSCANClusterer<DoublePoint>(250, minNeighbours).cluster(points)) {
          expected.add(c.getPoints().stream().map(p -> List.of(p.getPoint()[0], p.getPoint()[1])).toList());
        }
        List<List<List<Double>>> actual = new ArrayList<>();
        for (List<Integer> c : new PlanarDbscan(250, minNeighbours).cluster(x, y)) {
          actual.add(c.stream().map(i -> List.of(x[i], y[i])).toList());
        }
        assertThat(actual).as("sample %d, %d points", sample, near.size()).isEqualTo(expected);
        if (expected.size() > 1) {
          nonTrivial++;
        }
      }
    }
    assertThat(nonTrivial).as("samples with several clusters").isGreaterThan(10);
  }

  @Test
  void aPointExactlyAtTheRadiusIsANeighbourAndEqualPointsJoinOnce() {
    double[] x = {0, 250, 0, 0, 1000};
    double[] y = {0, 0, 0, 0, 0};
    List<List<Integer>> clusters = new PlanarDbscan(250, 2).cluster(x, y);
    // point 0 has neighbours 1, 2, 3 (2 and 3 at its very place); 2 and 3 are the same point as 0 to commons-math
    assertThat(clusters).containsExactly(List.of(0, 1));
    List<DoublePoint> points = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      points.add(new DoublePoint(new double[] {x[i], y[i]}));
    }
    assertThat(new DBSCANClusterer<DoublePoint>(250, 2).cluster(points)).singleElement()
        .satisfies(c -> assertThat(c.getPoints()).hasSize(2));
  }
}
