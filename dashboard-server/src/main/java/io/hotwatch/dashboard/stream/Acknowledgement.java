package io.hotwatch.dashboard.stream;

import java.time.Instant;

/**
 * A dispatcher's acknowledgement of an alert, as the socket shows it.
 *
 * @param alertId the acknowledged alert (a hotspot event)
 * @param hotspotId its hotspot
 * @param by who acknowledged
 * @param at when
 * @param note free text, may be empty
 */
public record Acknowledgement(String alertId, String hotspotId, String by, Instant at, String note) {

  public Acknowledgement {
    require("alertId", alertId);
    require("hotspotId", hotspotId);
    require("by", by);
    if (at == null) {
      throw new IllegalArgumentException("field 'at' is missing");
    }
    note = note == null ? "" : note;
  }

  private static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("field '" + field + "' is missing or blank: " + value);
    }
  }
}
