package io.hotwatch.dashboard;

import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.commons.math3.distribution.PoissonDistribution;

/** Hotspot events for real H3 cells, shaped as the pipeline makes them. */
public final class HotspotEvents {

  public static final CellIndex CELLS = new CellIndex(CellIndex.DEFAULT_RESOLUTION);
  /** The Loop, Hyde Park, Lincoln Park, Garfield Park, Englewood. */
  public static final String LOOP = CELLS.cellOf(41.8781, -87.6298);
  public static final String HYDE_PARK = CELLS.cellOf(41.7943, -87.5907);
  public static final String LINCOLN_PARK = CELLS.cellOf(41.9214, -87.6513);
  public static final String GARFIELD_PARK = CELLS.cellOf(41.8810, -87.7170);
  public static final String ENGLEWOOD = CELLS.cellOf(41.7800, -87.6450);

  private static final Duration WINDOW = Duration.ofHours(1);

  private HotspotEvents() {}

  public static HotspotEvent active(String cell, Instant windowEnd, long observed, double expected) {
    double pValue = 1 - new PoissonDistribution(expected).cumulativeProbability((int) observed - 1);
    List<String> incidentIds = LongStream.rangeClosed(1, observed)
        .mapToObj(i -> cell.substring(cell.length() - 4) + "-" + i)
        .toList();
    return new HotspotEvent(
        HotspotEvent.KIND,
        HotspotEvent.ACTIVE,
        cell + "@" + windowEnd,
        cell,
        CELLS.resolution(),
        windowEnd.minus(WINDOW),
        windowEnd,
        observed,
        expected,
        pValue,
        CellIndex.centroid(cell),
        CellIndex.boundary(cell),
        Map.of("THEFT", observed - 1, "BATTERY", 1L),
        incidentIds,
        Map.of("THEFT", 0.6, "BATTERY", 0.3, "ASSAULT", 0.1),
        1.2,
        observed + " incidents in the last hour where " + expected + " were expected");
  }

  public static HotspotEvent cleared(HotspotEvent active, Instant windowEnd) {
    return new HotspotEvent(
        active.kind(),
        HotspotEvent.CLEARED,
        active.hotspotId(),
        active.cellId(),
        active.resolution(),
        windowEnd.minus(WINDOW),
        windowEnd,
        0,
        active.expected(),
        1.0,
        active.centroid(),
        active.geometry(),
        Map.of(),
        List.of(),
        Map.of(),
        0.0,
        "no longer above its baseline");
  }
}
