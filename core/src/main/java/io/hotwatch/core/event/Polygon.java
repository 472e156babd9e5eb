package io.hotwatch.core.event;

import java.util.List;

/**
 * A GeoJSON (RFC 7946) Polygon: {@code coordinates} holds linear rings of {@code [longitude, latitude]} positions,
 * the first and last position equal.
 */
public record Polygon(String type, List<List<List<Double>>> coordinates) {

  public static Polygon ofRing(List<List<Double>> ring) {
    return new Polygon("Polygon", List.of(ring));
  }
}
