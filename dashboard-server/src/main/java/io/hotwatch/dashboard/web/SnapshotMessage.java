package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.HotspotEvent;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Socket message with the whole board, newest window first; the page replaces everything it shows with it. */
@Serdeable
public record SnapshotMessage(String type, List<HotspotEvent> hotspots) {

  public static final String TYPE = "snapshot";

  public static SnapshotMessage of(List<HotspotEvent> hotspots) {
    return new SnapshotMessage(TYPE, hotspots);
  }
}
