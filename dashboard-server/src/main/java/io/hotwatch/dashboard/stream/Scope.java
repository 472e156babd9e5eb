package io.hotwatch.dashboard.stream;

import java.util.HashSet;
import java.util.Set;

/**
 * What a stream message is about, for subscription filters: its police districts, categories and extent, and whether
 * it is a scored incident (only clients that ask for incidents get those). A null attribute is one the message does
 * not have (a trend has no extent, an acknowledgement of an unknown hotspot has nothing): filters on it let the
 * message through.
 */
public record Scope(Set<String> districts, Set<String> categories, Bounds bounds, boolean incident) {

  /** A message about nothing a filter can judge: every subscriber gets it. */
  public static final Scope UNSCOPED = new Scope(null, null, null);

  /** The scope of a message that is not an incident. */
  public Scope(Set<String> districts, Set<String> categories, Bounds bounds) {
    this(districts, categories, bounds, false);
  }

  /**
   * Both scopes together: a hotspot event is shown to whoever saw the hotspot's previous revision too, so that a
   * subscriber learns when a hotspot leaves its filter.
   */
  public Scope union(Scope other) {
    if (other == null) {
      return this;
    }
    return new Scope(
        union(districts, other.districts),
        union(categories, other.categories),
        bounds == null ? other.bounds : bounds.union(other.bounds),
        incident || other.incident);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    Set<String> both = new HashSet<>(a);
    both.addAll(b);
    return Set.copyOf(both);
  }
}
