package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.event.Polygon;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets Micronaut Serialization write the core event records, which stay free of framework annotations; the JSON
 * matches what {@code EventCodec} writes to the topic (record component names, ISO-8601 instants).
 */
@SerdeImport(HotspotAlert.class)
@SerdeImport(Corroboration.class)
@SerdeImport(GeoPoint.class)
@SerdeImport(MultiPolygon.class)
@SerdeImport(Polygon.class)
final class CoreEventSerde {

  private CoreEventSerde() {}
}
