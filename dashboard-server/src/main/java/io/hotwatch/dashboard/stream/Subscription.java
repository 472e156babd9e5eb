package io.hotwatch.dashboard.stream;

import java.util.Set;

/**
 * What one client asked to see; null means no filter on that attribute. A message passes when, for every filter the
 * client set and the message has the attribute for, they share a value (districts, categories) or overlap (bbox); a
 * scored incident passes only when the client asked for incidents.
 */
public record Subscription(Set<String> districts, Set<String> categories, Bounds bbox, boolean incidents) {

  public static final Subscription EVERYTHING = new Subscription(null, null, null);

  /** A subscription without incidents. */
  public Subscription(Set<String> districts, Set<String> categories, Bounds bbox) {
    this(districts, categories, bbox, false);
  }

  public boolean matches(Scope scope) {
    return (incidents || !scope.incident())
        && overlaps(districts, scope.districts())
        && overlaps(categories, scope.categories())
        && (bbox == null || scope.bounds() == null || bbox.intersects(scope.bounds()));
  }

  private static boolean overlaps(Set<String> wanted, Set<String> present) {
    if (wanted == null || present == null) {
      return true;
    }
    for (String value : present) {
      if (wanted.contains(value)) {
        return true;
      }
    }
    return false;
  }
}
