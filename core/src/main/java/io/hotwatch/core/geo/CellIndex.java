package io.hotwatch.core.geo;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.event.Polygon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Hexagonal spatial cells (Uber H3) at one resolution. Resolution 8 cells are about 0.74 km² (edge ~460 m), a few
 * blocks in Chicago; resolution 9 cells are seven times smaller.
 */
public final class CellIndex {

  public static final int DEFAULT_RESOLUTION = 8;

  private static final class Holder {
    static final H3Core H3 = load();

    private static H3Core load() {
      try {
        return H3Core.newInstance();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the H3 native library", e);
      }
    }
  }

  private final int resolution;

  public CellIndex(int resolution) {
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " is outside [0, 15]");
    }
    this.resolution = resolution;
  }

  public int resolution() {
    return resolution;
  }

  /** The cell containing a WGS84 point. */
  public String cellOf(double latitude, double longitude) {
    return Holder.H3.latLngToCellAddress(latitude, longitude, resolution);
  }

  /** The cell containing a WGS84 point as H3's 64-bit index: cheaper to keep, hash and compare than its address. */
  public long cellIdOf(double latitude, double longitude) {
    return Holder.H3.latLngToCell(latitude, longitude, resolution);
  }

  /** The 64-bit index of a cell address. */
  public static long idOf(String cell) {
    return Holder.H3.stringToH3(cell);
  }

  /** The address of a cell's 64-bit index. */
  public static String addressOf(long cell) {
    return Holder.H3.h3ToString(cell);
  }

  /** Centre of a cell. */
  public static GeoPoint centroid(String cell) {
    LatLng c = Holder.H3.cellToLatLng(cell);
    return new GeoPoint(c.lat, c.lng);
  }

  /** The cell's outline as a closed GeoJSON polygon ring of [lon, lat] positions. */
  public static Polygon boundary(String cell) {
    List<LatLng> vertices = Holder.H3.cellToBoundary(cell);
    List<List<Double>> ring = new ArrayList<>(vertices.size() + 1);
    for (LatLng v : vertices) {
      ring.add(List.of(v.lng, v.lat));
    }
    ring.add(ring.get(0));
    return Polygon.ofRing(ring);
  }

  /** The union of cells as a GeoJSON MultiPolygon: one polygon per connected group, holes kept. */
  public static MultiPolygon outline(Collection<String> cells) {
    List<List<List<LatLng>>> polygons = Holder.H3.cellAddressesToMultiPolygon(cells, true);
    List<List<List<List<Double>>>> coordinates = new ArrayList<>(polygons.size());
    for (List<List<LatLng>> polygon : polygons) {
      List<List<List<Double>>> rings = new ArrayList<>(polygon.size());
      for (List<LatLng> loop : polygon) {
        List<List<Double>> ring = new ArrayList<>(loop.size() + 1);
        for (LatLng v : loop) {
          ring.add(List.of(v.lng, v.lat));
        }
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
          ring.add(ring.get(0));
        }
        rings.add(ring);
      }
      coordinates.add(rings);
    }
    return MultiPolygon.of(coordinates);
  }

  /** The cell and every cell within {@code k} steps of it. */
  public static List<String> disk(String cell, int k) {
    return Holder.H3.gridDisk(cell, k);
  }

  /** {@link #disk(String, int)} on 64-bit indexes. */
  public static long[] disk(long cell, int k) {
    return Holder.H3.gridDisk(cell, k).stream().mapToLong(Long::longValue).toArray();
  }

  /** The cell of coarser {@code resolution} that contains {@code cell} in H3's hierarchy. */
  public static String parentOf(String cell, int resolution) {
    return Holder.H3.cellToParentAddress(cell, resolution);
  }

  /** Resolution of an H3 cell address. */
  public static int resolutionOf(String cell) {
    return Holder.H3.getResolution(cell);
  }

  /** True when the point lies inside the cell. */
  public static boolean contains(String cell, double latitude, double longitude) {
    return Holder.H3.latLngToCellAddress(latitude, longitude, resolutionOf(cell)).equals(cell);
  }
}
