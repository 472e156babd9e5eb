package io.hotwatch.core.hotspot;

import io.hotwatch.core.event.Polygon;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.geometry.euclidean.twod.Vector2D;
import org.apache.commons.math3.geometry.euclidean.twod.hull.ConvexHull2D;
import org.apache.commons.math3.geometry.euclidean.twod.hull.MonotoneChain;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.distance.DistanceMeasure;

/** The outline of a hotspot's incidents: DBSCAN groups them (distances in metres), the largest group's convex hull. */
final class IncidentShape {

  private static final double EARTH_RADIUS_METRES = 6_371_008.8;

  /** Great-circle (haversine) distance in metres between points given as {latitude, longitude} in degrees. */
  static final DistanceMeasure METRES =
      (a, b) -> {
        double lat1 = Math.toRadians(a[0]);
        double lat2 = Math.toRadians(b[0]);
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b[1] - a[1]);
        double h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
      };

  private final DBSCANClusterer<DoublePoint> dbscan;

  IncidentShape(double radiusMetres, int minPoints) {
    // commons-math counts neighbours without the point itself
    this.dbscan = new DBSCANClusterer<>(radiusMetres, Math.max(0, minPoints - 1), METRES);
  }

  /** The convex hull of the largest DBSCAN group as a closed GeoJSON ring, or null when no group spans an area. */
  Polygon outline(List<HeldIncident> incidents) {
    if (incidents.size() < 3) {
      return null;
    }
    List<DoublePoint> points = new ArrayList<>(incidents.size());
    for (HeldIncident incident : incidents) {
      points.add(new DoublePoint(new double[] {incident.latitude(), incident.longitude()}));
    }
    List<Cluster<DoublePoint>> groups = dbscan.cluster(points);
    Cluster<DoublePoint> largest =
        groups.stream().max(Comparator.comparingInt(g -> g.getPoints().size())).orElse(null);
    if (largest == null || largest.getPoints().size() < 3) {
      return null;
    }
    List<Vector2D> planar = new ArrayList<>();
    for (DoublePoint p : largest.getPoints()) {
      planar.add(new Vector2D(p.getPoint()[1], p.getPoint()[0]));
    }
    Vector2D[] vertices;
    try {
      ConvexHull2D hull = new MonotoneChain(false).generate(planar);
      vertices = hull.getVertices();
    } catch (MathIllegalArgumentException e) {
      return null; // all points on one line or one spot: no area to outline
    }
    if (vertices.length < 3) {
      return null;
    }
    List<List<Double>> ring = new ArrayList<>(vertices.length + 1);
    for (Vector2D v : vertices) {
      ring.add(List.of(v.getX(), v.getY()));
    }
    ring.add(ring.get(0));
    return Polygon.ofRing(ring);
  }
}
