package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.HotspotAlert;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** Socket message with every open hotspot, latest event first; the page replaces everything it shows with it. */
@Serdeable
public record SnapshotMessage(String type, List<HotspotAlert> hotspots) {

  public static final String TYPE = "snapshot";

  public static SnapshotMessage of(List<HotspotAlert> hotspots) {
    return new SnapshotMessage(TYPE, hotspots);
  }
}
