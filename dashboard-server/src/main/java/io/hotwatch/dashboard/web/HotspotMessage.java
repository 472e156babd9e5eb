package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.HotspotEvent;
import io.micronaut.serde.annotation.Serdeable;

/** Socket message with one change: an {@code active} event adds or replaces its cell, {@code cleared} removes it. */
@Serdeable
public record HotspotMessage(String type, HotspotEvent event) {

  public static final String TYPE = "hotspot";

  public static HotspotMessage of(HotspotEvent event) {
    return new HotspotMessage(TYPE, event);
  }
}
