package io.hotwatch.dashboard.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.geo.CellIndex;
import jakarta.inject.Singleton;
import java.awt.geom.Path2D;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Chicago police districts the page draws ({@code public/police-districts.geojson}), used to tell which districts
 * a hotspot lies in: those holding the centre of one of its H3 cells.
 */
@Singleton
public final class DistrictMap {

  static final String RESOURCE = "public/police-districts.geojson";

  private final Map<String, Path2D.Double> districts = new LinkedHashMap<>();
  private final Map<String, Set<String>> byCell = new ConcurrentHashMap<>();

  public DistrictMap() {
    try (InputStream in = DistrictMap.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the classpath");
      }
      for (JsonNode feature : new ObjectMapper().readTree(in).path("features")) {
        String number = ConnectRequest.stripZeros(feature.path("properties").path("DIST_NUM").asText());
        JsonNode geometry = feature.path("geometry");
        Path2D.Double outline = districts.computeIfAbsent(number, n -> new Path2D.Double(Path2D.WIND_EVEN_ODD));
        if ("Polygon".equals(geometry.path("type").asText())) {
          addPolygon(outline, geometry.path("coordinates"));
        } else {
          geometry.path("coordinates").forEach(polygon -> addPolygon(outline, polygon));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + RESOURCE, e);
    }
  }

  private static void addPolygon(Path2D.Double outline, JsonNode rings) {
    for (JsonNode ring : rings) {
      for (int i = 0; i < ring.size(); i++) {
        double lon = ring.get(i).get(0).asDouble();
        double lat = ring.get(i).get(1).asDouble();
        if (i == 0) {
          outline.moveTo(lon, lat);
        } else {
          outline.lineTo(lon, lat);
        }
      }
      outline.closePath();
    }
  }

  /** District numbers as the boundaries write them ("1" ... "31"). */
  public Set<String> numbers() {
    return Set.copyOf(districts.keySet());
  }

  /** The district holding the point, or null outside every district. */
  public String districtOf(GeoPoint point) {
    for (Map.Entry<String, Path2D.Double> district : districts.entrySet()) {
      if (district.getValue().contains(point.lon(), point.lat())) {
        return district.getKey();
      }
    }
    return null;
  }

  /** The districts holding the centre of at least one of the cells. */
  public Set<String> districtsOf(Collection<String> cells) {
    Set<String> found = new TreeSet<>();
    for (String cell : cells) {
      found.addAll(byCell.computeIfAbsent(cell, c -> {
        String district = districtOf(CellIndex.centroid(c));
        return district == null ? Set.of() : Set.of(district);
      }));
    }
    return Set.copyOf(found);
  }
}
