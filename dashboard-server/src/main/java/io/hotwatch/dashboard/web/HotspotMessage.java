package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.HotspotAlert;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Socket message with one applied event: {@code opened} and {@code updated} put the hotspot on the map in place of its
 * previous revision, {@code closed} takes it off.
 */
@Serdeable
public record HotspotMessage(String type, HotspotAlert event) {

  public static final String TYPE = "hotspot";

  public static HotspotMessage of(HotspotAlert event) {
    return new HotspotMessage(TYPE, event);
  }
}
