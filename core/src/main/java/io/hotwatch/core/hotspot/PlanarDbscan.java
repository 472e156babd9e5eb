package io.hotwatch.core.hotspot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DBSCAN over points on a plane that finds each point's neighbours through a grid of radius-sized buckets, so a
 * query reads nine buckets instead of every point. It decides exactly as commons-math's {@code DBSCANClusterer} with
 * the Euclidean distance (same visiting order, same clusters, same order of points within them, points at equal
 * coordinates counted as neighbours but taken into a cluster once), which costs a comparison with every other point
 * per query: quadratic, and most of an alert's cost for a week-long hotspot. The equivalence is tested on real
 * incident positions.
 */
final class PlanarDbscan {

  private static final byte UNVISITED = 0;
  private static final byte NOISE = 1;
  private static final byte IN_CLUSTER = 2;

  private final double radius;
  private final int minNeighbours;

  /**
   * @param radius neighbourhood radius (inclusive)
   * @param minNeighbours neighbours a core point needs, not counting itself (commons-math's {@code minPts})
   */
  PlanarDbscan(double radius, int minNeighbours) {
    if (!(radius > 0) || minNeighbours < 0) {
      throw new IllegalArgumentException("radius " + radius + " or minNeighbours " + minNeighbours + " is invalid");
    }
    this.radius = radius;
    this.minNeighbours = minNeighbours;
  }

  /** The clusters, each a list of indices into {@code x} and {@code y}, in the order commons-math would give them. */
  List<List<Integer>> cluster(double[] x, double[] y) {
    int n = x.length;
    int[] position = positions(x, y);
    byte[] status = new byte[n]; // by position: commons-math keys its visited map by coordinates
    Map<Long, List<Integer>> grid = new HashMap<>();
    for (int i = 0; i < n; i++) {
      grid.computeIfAbsent(bucket(x[i], y[i]), b -> new ArrayList<>()).add(i);
    }
    List<List<Integer>> clusters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (status[position[i]] != UNVISITED) {
        continue;
      }
      List<Integer> neighbours = neighbours(i, x, y, grid);
      if (neighbours.size() >= minNeighbours) {
        clusters.add(expand(i, neighbours, x, y, grid, position, status));
      } else {
        status[position[i]] = NOISE;
      }
    }
    return clusters;
  }

  private List<Integer> expand(
      int point, List<Integer> neighbours, double[] x, double[] y, Map<Long, List<Integer>> grid, int[] position,
      byte[] status) {
    List<Integer> cluster = new ArrayList<>();
    cluster.add(point);
    status[position[point]] = IN_CLUSTER;
    List<Integer> seeds = new ArrayList<>(neighbours);
    boolean[] seeded = new boolean[x.length]; // by position: whether an equal point is among the seeds
    neighbours.forEach(s -> seeded[position[s]] = true);
    List<Integer> added = new ArrayList<>();
    for (int index = 0; index < seeds.size(); index++) {
      int current = seeds.get(index);
      byte before = status[position[current]];
      if (before == UNVISITED) {
        List<Integer> next = neighbours(current, x, y, grid);
        if (next.size() >= minNeighbours) {
          // commons-math's merge: appends those not among the seeds as they were before it, duplicates included
          added.clear();
          for (int candidate : next) {
            if (!seeded[position[candidate]]) {
              seeds.add(candidate);
              added.add(candidate);
            }
          }
          added.forEach(a -> seeded[position[a]] = true);
        }
      }
      if (before != IN_CLUSTER) {
        status[position[current]] = IN_CLUSTER;
        cluster.add(current);
      }
    }
    return cluster;
  }

  /** Every other point within the radius, in index order (the order of commons-math's full scan). */
  private List<Integer> neighbours(int point, double[] x, double[] y, Map<Long, List<Integer>> grid) {
    long gx = (long) Math.floor(x[point] / radius);
    long gy = (long) Math.floor(y[point] / radius);
    List<Integer> found = new ArrayList<>();
    for (long dx = -1; dx <= 1; dx++) {
      for (long dy = -1; dy <= 1; dy++) {
        List<Integer> inBucket = grid.get(key(gx + dx, gy + dy));
        if (inBucket == null) {
          continue;
        }
        for (int other : inBucket) {
          // the same arithmetic as commons-math's MathArrays.distance, so that points at exactly the radius agree
          double ex = x[other] - x[point];
          double ey = y[other] - y[point];
          double sum = 0;
          sum += ex * ex;
          sum += ey * ey;
          if (other != point && Math.sqrt(sum) <= radius) {
            found.add(other);
          }
        }
      }
    }
    found.sort(null);
    return found;
  }

  private long bucket(double px, double py) {
    return key((long) Math.floor(px / radius), (long) Math.floor(py / radius));
  }

  private static long key(long gx, long gy) {
    return (gx << 32) ^ (gy & 0xffffffffL);
  }

  /** A number per distinct coordinate pair, equal numbers for equal coordinates (as {@code DoublePoint.equals}). */
  private static int[] positions(double[] x, double[] y) {
    Map<List<Double>, Integer> seen = new HashMap<>();
    int[] position = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      Integer known = seen.putIfAbsent(Arrays.asList(x[i], y[i]), seen.size());
      position[i] = known != null ? known : seen.size() - 1;
    }
    return position;
  }
}
