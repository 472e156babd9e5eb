package io.hotwatch.training.hotspots;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ranks cells by a Gaussian kernel density of the incidents of the last {@code lookback}, evaluated at each cell's
 * centre: the classic retrospective hotspot map. The kernel is cut at three bandwidths.
 */
final class KernelDensityForecaster implements CellForecaster {

  private static final double METRES_PER_DEGREE_LATITUDE = 111_320;

  private final IncidentTimeline timeline;
  private final ForecastArea area;
  private final double bandwidthMetres;
  private final long lookbackMillis;
  private final int rings;
  private final double[] density;
  private final Map<String, List<Integer>> nearbyAreaCells = new HashMap<>();
  /** Oldest incident still inside the lookback, and one past the newest observed. */
  private int oldest;
  private int next;

  KernelDensityForecaster(IncidentTimeline timeline, ForecastArea area, double bandwidthMetres, Duration lookback) {
    this.timeline = timeline;
    this.area = area;
    this.bandwidthMetres = bandwidthMetres;
    this.lookbackMillis = lookback.toMillis();
    this.density = new double[area.size()];
    String someCell = area.cell(0);
    double spacing = metres(CellIndex.centroid(someCell), CellIndex.centroid(CellIndex.disk(someCell, 1).get(1)));
    this.rings = (int) Math.ceil(3 * bandwidthMetres / spacing) + 1;
  }

  @Override
  public void observe(int i) {
    add(i, 1);
    next = i + 1;
  }

  @Override
  public double[] scores(Period period) {
    long earliest = period.start().toEpochMilli() - lookbackMillis;
    while (oldest < next && timeline.atMillis[oldest] < earliest) {
      add(oldest, -1);
      oldest++;
    }
    return density.clone();
  }

  private void add(int i, int sign) {
    GeoPoint at = new GeoPoint(timeline.latitude[i], timeline.longitude[i]);
    for (int c : nearbyAreaCells.computeIfAbsent(timeline.cell[i], this::areaCellsNear)) {
      double d = metres(at, area.centre(c));
      if (d <= 3 * bandwidthMetres) {
        density[c] += sign * Math.exp(-0.5 * (d / bandwidthMetres) * (d / bandwidthMetres));
      }
    }
  }

  private List<Integer> areaCellsNear(String cell) {
    List<Integer> near = new ArrayList<>();
    for (String c : CellIndex.disk(cell, rings)) {
      int index = area.indexOf(c);
      if (index >= 0) {
        near.add(index);
      }
    }
    return near;
  }

  /** Equirectangular distance: exact enough over a few kilometres. */
  private static double metres(GeoPoint a, GeoPoint b) {
    double dy = (a.lat() - b.lat()) * METRES_PER_DEGREE_LATITUDE;
    double dx = (a.lon() - b.lon()) * METRES_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians((a.lat() + b.lat()) / 2));
    return Math.hypot(dx, dy);
  }
}
