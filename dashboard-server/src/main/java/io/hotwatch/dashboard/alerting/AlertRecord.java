package io.hotwatch.dashboard.alerting;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.MultiPolygon;
import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/**
 * One applied hotspot event as the alerting interfaces show it. A {@code closed} event may carry only its identity
 * and time; it then takes its area, districts and categories from the hotspot's latest earlier revision still held.
 *
 * @param id the revision's id, {@code <hotspotId>:<revision>}
 * @param alert the event as read from the topic
 * @param area the cells' outline (the event's geometry, or the inherited one; null when none is known)
 * @param districts police districts its cells reach (a centre or a corner inside), by number
 * @param categories counted incidents by category (the event's, or the inherited ones)
 */
public record AlertRecord(
    AlertId id, HotspotAlert alert, @Nullable MultiPolygon area, List<District> districts,
    Map<String, Long> categories) {

  public boolean closed() {
    return HotspotAlert.CLOSED.equals(alert.type());
  }

  /** Whether it lies in a police district of this number. */
  public boolean inDistrict(String number) {
    return districts.stream().anyMatch(d -> d.number().equals(number));
  }
}
