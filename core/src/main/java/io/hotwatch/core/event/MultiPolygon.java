package io.hotwatch.core.event;

import java.util.List;

/**
 * A GeoJSON (RFC 7946) MultiPolygon: {@code coordinates} holds polygons, each a list of linear rings of
 * {@code [longitude, latitude]} positions, the first and last position of a ring equal.
 */
public record MultiPolygon(String type, List<List<List<List<Double>>>> coordinates) {

  public static final String TYPE = "MultiPolygon";

  public static MultiPolygon of(List<List<List<List<Double>>>> polygons) {
    return new MultiPolygon(TYPE, polygons);
  }
}
