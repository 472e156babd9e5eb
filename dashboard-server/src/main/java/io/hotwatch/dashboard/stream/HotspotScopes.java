package io.hotwatch.dashboard.stream;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.dashboard.alerting.District;
import io.hotwatch.dashboard.alerting.PoliceDistricts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The scope of each open hotspot as its latest revision tells it: the districts its cells reach, categories counted in
 * it, the extent of its cells. Not thread-safe: the stream calls it under its lock.
 */
public final class HotspotScopes {

  private final PoliceDistricts districts;
  private final Map<String, Scope> open = new HashMap<>();

  public HotspotScopes(PoliceDistricts districts) {
    this.districts = districts;
  }

  /**
   * The scope of a hotspot event: its own together with the hotspot's previous one, so that a client filtering on
   * what the hotspot was also sees it change or close (a {@code closed} event may carry no body at all).
   */
  public Scope apply(HotspotAlert alert, boolean closing) {
    Scope own = scopeOf(alert);
    Scope previous = closing ? open.remove(alert.hotspotId()) : open.put(alert.hotspotId(), own);
    Scope both = previous == null ? own : own.union(previous);
    return both == null ? Scope.UNSCOPED : both;
  }

  /** The scope of an open hotspot, or {@link Scope#UNSCOPED} for one not open. */
  public Scope of(String hotspotId) {
    Scope scope = open.get(hotspotId);
    return scope == null ? Scope.UNSCOPED : scope;
  }

  /** A trend is about its district and category; it has no extent. */
  public static Scope of(TrendEvent trend) {
    return new Scope(Set.of(trend.district()), Set.of(trend.category()), null);
  }

  private Scope scopeOf(HotspotAlert alert) {
    Set<String> inDistricts = alert.cells() == null ? null
        : districts.ofCells(alert.cells()).stream().map(District::number).collect(Collectors.toUnmodifiableSet());
    Set<String> categories = alert.categories() == null ? null
        : alert.categories().entrySet().stream()
            .filter(c -> c.getValue() != null && c.getValue() > 0)
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());
    Bounds bounds = null;
    if (alert.geometry() != null) {
      for (List<List<List<Double>>> polygon : alert.geometry().coordinates()) {
        Bounds one = Bounds.ofRings(polygon);
        bounds = bounds == null ? one : one == null ? bounds : bounds.union(one);
      }
    }
    if (inDistricts == null && categories == null && bounds == null) {
      return null;
    }
    return new Scope(inDistricts, categories, bounds);
  }
}
