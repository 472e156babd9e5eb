package io.hotwatch.core.event;

/** A WGS84 point in degrees. */
public record GeoPoint(double lat, double lon) {}
