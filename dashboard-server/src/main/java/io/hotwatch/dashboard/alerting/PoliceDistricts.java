package io.hotwatch.dashboard.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.geo.CellIndex;
import jakarta.inject.Singleton;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The 25 police districts of Chicago from the outlines the page draws ({@code public/police-districts.geojson}), to
 * tell which districts a hotspot's H3 cells reach.
 */
@Singleton
public final class PoliceDistricts {

  static final String RESOURCE = "public/police-districts.geojson";
  private static final Comparator<District> BY_NUMBER =
      Comparator.comparingInt((District d) -> Integer.parseInt(d.number())).thenComparing(District::number);

  private final Map<String, Outline> byNumber = new LinkedHashMap<>();

  public PoliceDistricts() {
    try (InputStream in = PoliceDistricts.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      for (JsonNode feature : new ObjectMapper().readTree(in).path("features")) {
        JsonNode properties = feature.path("properties");
        District district = new District(properties.path("DIST_NUM").asText(), properties.path("DIST_LABEL").asText());
        // A district may come as several features (the 31st has three parts): one path for all of them.
        Outline outline = byNumber.computeIfAbsent(district.number(),
            n -> new Outline(district, new Path2D.Double(Path2D.WIND_EVEN_ODD)));
        outline.path().append(path(feature.path("geometry")), false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Polygons and multipolygons as one path of lon/lat rings; even-odd filling leaves the holes out. */
  private static Path2D.Double path(JsonNode geometry) {
    Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    List<JsonNode> polygons = new ArrayList<>();
    if ("MultiPolygon".equals(geometry.path("type").asText())) {
      geometry.path("coordinates").forEach(polygons::add);
    } else {
      polygons.add(geometry.path("coordinates"));
    }
    for (JsonNode polygon : polygons) {
      for (JsonNode ring : polygon) {
        for (int i = 0; i < ring.size(); i++) {
          double lon = ring.get(i).get(0).asDouble();
          double lat = ring.get(i).get(1).asDouble();
          if (i == 0) {
            path.moveTo(lon, lat);
          } else {
            path.lineTo(lon, lat);
          }
        }
        path.closePath();
      }
    }
    return path;
  }

  /** Every district, by number. */
  public List<District> all() {
    return byNumber.values().stream().map(Outline::district).sorted(BY_NUMBER).toList();
  }

  public Optional<District> byNumber(String number) {
    return Optional.ofNullable(byNumber.get(number)).map(Outline::district);
  }

  /** The district holding a point, if any. */
  public Optional<District> at(GeoPoint point) {
    return byNumber.values().stream()
        .filter(o -> o.path().contains(point.lon(), point.lat()))
        .map(Outline::district)
        .findFirst();
  }

  /**
   * The districts these H3 cells reach, by number: those holding a cell's centre or one of its corners. Corners count
   * because a cell on the lakefront can have its centre in the water; empty outside Chicago.
   */
  public List<District> ofCells(Collection<String> cells) {
    TreeSet<District> found = new TreeSet<>(BY_NUMBER);
    for (String cell : cells) {
      at(CellIndex.centroid(cell)).ifPresent(found::add);
      for (List<Double> corner : CellIndex.boundary(cell).coordinates().get(0)) {
        at(new GeoPoint(corner.get(1), corner.get(0))).ifPresent(found::add);
      }
    }
    return List.copyOf(found);
  }

  private record Outline(District district, Path2D.Double path) {}
}
