package io.hotwatch.deploy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The event-time range a replay keeps: {@code from} inclusive, {@code to} exclusive, either open.
 *
 * <p>A bound is an ISO date ({@code 2017-07-04}), a local date-time ({@code 2017-07-04T18:00}) or an instant with an
 * offset ({@code 2017-07-04T23:00:00Z}). Dates and local date-times are read in each record's data-set zone (Chicago
 * time for Chicago crimes, New York time for NYPD shootings and DC alerts, UTC for CrisisLexT26), so {@code --from
 * 2017-07-04 --to 2017-07-04} is July 4 as Chicago saw it. A date as {@code to} includes that whole day.
 */
public final class ReplayWindow {

  public static final ReplayWindow ALL = new ReplayWindow(null, null);

  private final Bound from;
  private final Bound to;

  private ReplayWindow(Bound from, Bound to) {
    this.from = from;
    this.to = to;
  }

  /** Parses the two bounds; null or blank leaves that side open. */
  public static ReplayWindow parse(String from, String to) {
    Bound start = from == null || from.isBlank() ? null : Bound.parse("--from", from, false);
    Bound end = to == null || to.isBlank() ? null : Bound.parse("--to", to, true);
    if (start != null && end != null && start.comparable(end) && !start.before(end)) {
      throw new IllegalArgumentException("--from " + from + " is not before --to " + to);
    }
    return new ReplayWindow(start, end);
  }

  /** True when an event at {@code time} of a data set living in {@code zone} falls inside the window. */
  public boolean contains(Instant time, ZoneId zone) {
    return (from == null || !time.isBefore(from.at(zone))) && (to == null || time.isBefore(to.at(zone)));
  }

  public boolean isAll() {
    return from == null && to == null;
  }

  /** One bound: an absolute instant, or a local date-time placed in each data set's zone. */
  private record Bound(Instant instant, LocalDateTime local) {

    static Bound parse(String option, String text, boolean endOfDay) {
      String t = text.strip();
      try {
        LocalDate date = LocalDate.parse(t);
        return new Bound(null, (endOfDay ? date.plusDays(1) : date).atStartOfDay());
      } catch (DateTimeParseException notADate) {
        // try the longer forms
      }
      try {
        return new Bound(null, LocalDateTime.parse(t));
      } catch (DateTimeParseException notLocal) {
        // try with an offset
      }
      try {
        return new Bound(OffsetDateTime.parse(t).toInstant(), null);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            option + " '" + text + "' is not an ISO date (2017-07-04), local date-time (2017-07-04T18:00) or"
                + " instant (2017-07-04T23:00:00Z)");
      }
    }

    Instant at(ZoneId zone) {
      return instant != null ? instant : local.atZone(zone).toInstant();
    }

    boolean comparable(Bound other) {
      return (instant == null) == (other.instant == null);
    }

    boolean before(Bound other) {
      return instant != null ? instant.isBefore(other.instant) : local.isBefore(other.local);
    }
  }
}
