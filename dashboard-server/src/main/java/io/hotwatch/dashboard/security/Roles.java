package io.hotwatch.dashboard.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The four roles and what each implies: every dispatcher, analyst and admin is also a viewer, and an admin holds every
 * role. A login carries its roles expanded, so the access rules name the one role a route needs.
 */
public final class Roles {

  /** Sees the map, the alerts, the trends and the live feed. */
  public static final String VIEWER = "viewer";
  /** A viewer who acknowledges alerts. */
  public static final String DISPATCHER = "dispatcher";
  /** A viewer who replays history. */
  public static final String ANALYST = "analyst";
  /** Everything, and the settings: webhooks, metrics. */
  public static final String ADMIN = "admin";

  public static final List<String> ALL = List.of(VIEWER, DISPATCHER, ANALYST, ADMIN);

  private static final Map<String, Set<String>> IMPLIED =
      Map.of(
          VIEWER, Set.of(VIEWER),
          DISPATCHER, Set.of(DISPATCHER, VIEWER),
          ANALYST, Set.of(ANALYST, VIEWER),
          ADMIN, Set.copyOf(ALL));

  private Roles() {}

  /**
   * The roles held by someone given {@code granted}, sorted.
   *
   * @throws IllegalArgumentException naming the role when one is not among {@link #ALL}
   */
  public static Set<String> expand(Collection<String> granted) {
    Set<String> held = new TreeSet<>();
    for (String role : granted) {
      Set<String> implied = IMPLIED.get(role.trim().toLowerCase(Locale.ROOT));
      if (implied == null) {
        throw new IllegalArgumentException("unknown role '" + role + "': expected one of " + ALL);
      }
      held.addAll(implied);
    }
    return held;
  }
}
