package io.hotwatch.core.features;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The local date and time fields the time features need, for instants in one zone: what
 * {@code instant.atZone(zone)} gives, without building a {@code ZonedDateTime} (and its date, time and offset
 * objects) per incident.
 *
 * <p>The zone's offset is asked of its rules once per stretch between two transitions and kept with the instant the
 * stretch is known to run until (the next transition); the calendar fields of a local date are kept for the next
 * instant on the same date. Incidents come mostly in time order, so both are asked again about twice a year and once a
 * day. A kept value lives in one immutable object, replaced whole, so that threads sharing a clock see either the old
 * or the new one, never a mix: at worst they ask the rules again. Thread-safe.
 */
final class ZoneClock {

  private static final long SECONDS_PER_DAY = 86_400;

  private final ZoneRules rules;
  private Offset offset = new Offset(Long.MAX_VALUE, Long.MIN_VALUE, 0);
  private Day day = new Day(Long.MIN_VALUE, 0, 0, 0, 0);

  ZoneClock(ZoneId zone) {
    this.rules = zone.getRules();
  }

  /** Seconds since the local epoch (1970-01-01T00:00 on the zone's wall clock) of {@code epochSecond}. */
  long localSecond(long epochSecond) {
    Offset kept = offset;
    if (epochSecond < kept.from || epochSecond >= kept.until) {
      Instant instant = Instant.ofEpochSecond(epochSecond);
      ZoneOffsetTransition next = rules.nextTransition(instant);
      kept = new Offset(
          epochSecond, next == null ? Long.MAX_VALUE : next.toEpochSecond(),
          rules.getOffset(instant).getTotalSeconds());
      offset = kept;
    }
    return epochSecond + kept.seconds;
  }

  /** The local date's fields for the local second {@code localSecond}. */
  Day day(long localSecond) {
    long epochDay = Math.floorDiv(localSecond, SECONDS_PER_DAY);
    Day kept = day;
    if (kept.epochDay != epochDay) {
      LocalDate date = LocalDate.ofEpochDay(epochDay);
      kept = new Day(
          epochDay, date.getDayOfWeek().getValue(), date.getDayOfYear(), date.getDayOfMonth(), date.lengthOfYear());
      day = kept;
    }
    return kept;
  }

  /** Second of the local day, 0 to 86,399. */
  static int secondOfDay(long localSecond) {
    return (int) Math.floorMod(localSecond, SECONDS_PER_DAY);
  }

  /** The zone's offset over [from, until) in epoch seconds. */
  private record Offset(long from, long until, int seconds) {}

  /**
   * Calendar fields of one local date.
   *
   * @param dayOfWeek ISO: Monday 1 to Sunday 7
   */
  record Day(long epochDay, int dayOfWeek, int dayOfYear, int dayOfMonth, int lengthOfYear) {}
}
