package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.event.Polygon;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets Micronaut Serialization write the core event records, which stay free of framework annotations; the JSON
 * matches what {@code EventCodec} writes to the topic (record component names, ISO-8601 instants).
 */
@SerdeImport(HotspotEvent.class)
@SerdeImport(GeoPoint.class)
@SerdeImport(Polygon.class)
final class CoreEventSerde {

  private CoreEventSerde() {}
}
