package io.hotwatch.dashboard.stream;

import io.hotwatch.core.event.GeoPoint;
import java.util.Collection;
import java.util.List;

/** A longitude/latitude rectangle, as a GeoJSON bbox orders it: west, south, east, north. */
public record Bounds(double west, double south, double east, double north) {

  public Bounds {
    if (!(west <= east) || !(south <= north)) {
      throw new IllegalArgumentException(
          "bbox " + west + "," + south + "," + east + "," + north + " is not west,south,east,north");
    }
  }

  /** The smallest rectangle holding every point; null for none. */
  public static Bounds around(Collection<GeoPoint> points) {
    if (points.isEmpty()) {
      return null;
    }
    double west = Double.POSITIVE_INFINITY;
    double south = Double.POSITIVE_INFINITY;
    double east = Double.NEGATIVE_INFINITY;
    double north = Double.NEGATIVE_INFINITY;
    for (GeoPoint p : points) {
      west = Math.min(west, p.lon());
      east = Math.max(east, p.lon());
      south = Math.min(south, p.lat());
      north = Math.max(north, p.lat());
    }
    return new Bounds(west, south, east, north);
  }

  /** The rectangle of a GeoJSON ring list: every [longitude, latitude] position of every ring. */
  public static Bounds ofRings(List<List<List<Double>>> rings) {
    double west = Double.POSITIVE_INFINITY;
    double south = Double.POSITIVE_INFINITY;
    double east = Double.NEGATIVE_INFINITY;
    double north = Double.NEGATIVE_INFINITY;
    for (List<List<Double>> ring : rings) {
      for (List<Double> position : ring) {
        west = Math.min(west, position.get(0));
        east = Math.max(east, position.get(0));
        south = Math.min(south, position.get(1));
        north = Math.max(north, position.get(1));
      }
    }
    return west > east ? null : new Bounds(west, south, east, north);
  }

  public boolean intersects(Bounds other) {
    return west <= other.east && other.west <= east && south <= other.north && other.south <= north;
  }

  public Bounds union(Bounds other) {
    return other == null
        ? this
        : new Bounds(
            Math.min(west, other.west), Math.min(south, other.south),
            Math.max(east, other.east), Math.max(north, other.north));
  }
}
