package io.hotwatch.core.trend;

import io.hotwatch.core.model.BaselineRates;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Hour arithmetic in a zone whose UTC offsets are whole hours: which local day and hour of the week each UTC hour
 * belongs to.
 *
 * <p>Hours are counted as epoch hours (hours since 1970-01-01T00:00Z). A local hour index is the epoch hour plus the
 * zone's offset in hours, so that local days are plain multiples of 24: a 23-hour spring day and a 25-hour autumn day
 * need no special cases, and a run of hours is converted with one zone lookup per offset change instead of one per
 * hour.
 */
public final class LocalHours {

  /** Chicago, the zone of the baseline's hours of the week. */
  public static final LocalHours CHICAGO = new LocalHours(BaselineRates.ZONE);

  public static final long MILLIS_PER_HOUR = 3_600_000L;
  public static final int HOURS_PER_WEEK = 168;

  /** 1970-01-01 was a Thursday: local hour 0 is hour 72 of a week that starts on Monday. */
  private static final int EPOCH_HOUR_OF_WEEK = 72;

  private final ZoneId zone;
  private final ZoneRules rules;

  public LocalHours(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
  }

  public ZoneId zone() {
    return zone;
  }

  /** The epoch hour containing an instant given in epoch milliseconds. */
  public static long epochHour(long epochMillis) {
    return Math.floorDiv(epochMillis, MILLIS_PER_HOUR);
  }

  public static Instant instantOfHour(long epochHour) {
    return Instant.ofEpochMilli(epochHour * MILLIS_PER_HOUR);
  }

  /** Hour of the week, Monday 00:00 local = 0, of a local hour index. */
  public static int hourOfWeek(long localHour) {
    return (int) Math.floorMod(localHour + EPOCH_HOUR_OF_WEEK, HOURS_PER_WEEK);
  }

  /** The local hour index of an epoch hour. */
  public long localHour(long epochHour) {
    return epochHour + offsetHours(rules.getOffset(instantOfHour(epochHour)));
  }

  /** Local hour indices of {@code count} consecutive epoch hours from {@code firstEpochHour}. */
  public long[] localHours(long firstEpochHour, int count) {
    long[] local = new long[count];
    Instant first = instantOfHour(firstEpochHour);
    int offset = offsetHours(rules.getOffset(first));
    long nextChange = nextTransitionHour(first);
    for (int i = 0; i < count; i++) {
      long hour = firstEpochHour + i;
      if (hour >= nextChange) {
        Instant at = instantOfHour(hour);
        offset = offsetHours(rules.getOffset(at));
        nextChange = nextTransitionHour(at);
      }
      local[i] = hour + offset;
    }
    return local;
  }

  /** The epoch hour at which the local day containing {@code epochHour} starts. */
  public long dayStart(long epochHour) {
    ZonedDateTime start = instantOfHour(epochHour).atZone(zone).truncatedTo(ChronoUnit.DAYS);
    return epochHour(start.toInstant().toEpochMilli());
  }

  /** The local day start {@code days} days after (or before, when negative) the day start {@code dayStartHour}. */
  public long plusDays(long dayStartHour, int days) {
    ZonedDateTime start = instantOfHour(dayStartHour).atZone(zone).plusDays(days);
    return epochHour(start.toInstant().toEpochMilli());
  }

  /** The first local midnight strictly after an instant, as an epoch hour. */
  public long nextDayStart(long epochMillis) {
    return plusDays(dayStart(epochHour(epochMillis)), 1);
  }

  private long nextTransitionHour(Instant at) {
    ZoneOffsetTransition next = rules.nextTransition(at);
    return next == null ? Long.MAX_VALUE : Math.floorDiv(next.toEpochSecond(), 3600L);
  }

  private int offsetHours(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    if (seconds % 3600 != 0) {
      throw new IllegalArgumentException("zone " + zone + " has offset " + offset + ", not a whole number of hours");
    }
    return seconds / 3600;
  }
}
