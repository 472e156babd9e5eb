package io.hotwatch.core.hotspot;

import io.hotwatch.core.event.Polygon;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.exception.MathIllegalArgumentException;
import org.apache.commons.math3.geometry.euclidean.twod.Vector2D;
import org.apache.commons.math3.geometry.euclidean.twod.hull.ConvexHull2D;
import org.apache.commons.math3.geometry.euclidean.twod.hull.MonotoneChain;

/**
 * The outline of a hotspot's incidents: DBSCAN groups them (distances in metres), the largest group's convex hull.
 *
 * <p>The points are first projected to metres on a plane tangent at their mean position (equirectangular): over the
 * few kilometres a hotspot spans, that distance differs from the great-circle one by far less than a metre, and it
 * costs two multiplications instead of the trigonometry of a haversine. DBSCAN itself is {@link PlanarDbscan}:
 * commons-math's algorithm with a grid for the neighbour search, which commons-math does by comparing every pair.
 */
final class IncidentShape {

  /** Metres per degree of latitude on the mean Earth sphere (radius 6,371,008.8 m). */
  static final double METRES_PER_DEGREE = 6_371_008.8 * Math.PI / 180;

  private final PlanarDbscan dbscan;

  IncidentShape(double radiusMetres, int minPoints) {
    // commons-math's convention, which PlanarDbscan keeps: neighbours are counted without the point itself
    this.dbscan = new PlanarDbscan(radiusMetres, Math.max(0, minPoints - 1));
  }

  /** The convex hull of the largest DBSCAN group as a closed GeoJSON ring, or null when no group spans an area. */
  Polygon outline(List<HeldIncident> incidents) {
    if (incidents.size() < 3) {
      return null;
    }
    LocalPlane plane = LocalPlane.around(incidents);
    double[] x = new double[incidents.size()];
    double[] y = new double[incidents.size()];
    Map<Vector2D, HeldIncident> byPosition = new HashMap<>();
    for (int i = 0; i < incidents.size(); i++) {
      HeldIncident incident = incidents.get(i);
      double[] xy = plane.project(incident.latitude(), incident.longitude());
      x[i] = xy[0];
      y[i] = xy[1];
      byPosition.put(new Vector2D(xy[0], xy[1]), incident);
    }
    List<List<Integer>> groups = dbscan.cluster(x, y);
    // the first of the largest, as before
    List<Integer> largest = null;
    for (List<Integer> group : groups) {
      if (largest == null || group.size() > largest.size()) {
        largest = group;
      }
    }
    if (largest == null || largest.size() < 3) {
      return null;
    }
    List<Vector2D> planar = new ArrayList<>(largest.size());
    for (int i : largest) {
      planar.add(new Vector2D(x[i], y[i]));
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
      // hull vertices are input points: give back the incident's own coordinates, not a round trip through the plane
      HeldIncident incident = byPosition.get(v);
      ring.add(List.of(incident.longitude(), incident.latitude()));
    }
    ring.add(ring.get(0));
    return Polygon.ofRing(ring);
  }

  /** Metres east and north of the incidents' mean position. */
  record LocalPlane(double latitude, double longitude, double metresPerDegreeLongitude) {

    static LocalPlane around(List<HeldIncident> incidents) {
      double lat = 0;
      double lon = 0;
      for (HeldIncident i : incidents) {
        lat += i.latitude();
        lon += i.longitude();
      }
      lat /= incidents.size();
      lon /= incidents.size();
      return new LocalPlane(lat, lon, METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)));
    }

    double[] project(double lat, double lon) {
      return new double[] {(lon - longitude) * metresPerDegreeLongitude, (lat - latitude) * METRES_PER_DEGREE};
    }
  }
}
