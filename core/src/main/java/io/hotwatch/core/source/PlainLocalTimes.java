package io.hotwatch.core.source;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;

/**
 * Reads the plain form of a {@code MM/dd/yyyy hh:mm:ss AM} local time in one zone as epoch seconds, without java.time
 * objects for most values: each calendar day's epoch day and zone offset are looked up once and kept. Whatever is not
 * plainly valid (other widths, out-of-range fields, lower-case am/pm, a day that is not in the month) answers {@link
 * #NOT_PLAIN}, for the caller to hand to the java.time formatter, which then decides exactly as it always did.
 */
final class PlainLocalTimes {

  /** The text is not the plain form: parse it with java.time. */
  static final long NOT_PLAIN = Long.MIN_VALUE;

  private static final int LENGTH = "07/04/2017 09:30:00 PM".length();
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int CHANGING = Integer.MIN_VALUE; // a clock change within the day
  private static final int INVALID = Integer.MAX_VALUE; // no such day (e.g. 02/30)
  private static final int CACHE = 1 << 14;

  private final ZoneId zone;
  private final ZoneRules rules;
  // by calendar day (yyyymmdd, + 1 so that 0 means empty) hashed into CACHE slots: its epoch day and zone offset
  private final int[] cachedDates = new int[CACHE];
  private final long[] cachedEpochDays = new long[CACHE];
  private final int[] cachedOffsets = new int[CACHE];

  PlainLocalTimes(ZoneId zone) {
    this.zone = zone;
    this.rules = zone.getRules();
  }

  /** Epoch seconds of the local time {@code chars[from, to)}, or {@link #NOT_PLAIN}. */
  long epochSecond(char[] c, int from, int to) {
    if (to - from != LENGTH
        || c[from + 2] != '/' || c[from + 5] != '/' || c[from + 10] != ' '
        || c[from + 13] != ':' || c[from + 16] != ':' || c[from + 19] != ' ' || c[from + 21] != 'M') {
      return NOT_PLAIN;
    }
    int month = twoDigits(c, from);
    int day = twoDigits(c, from + 3);
    int century = twoDigits(c, from + 6);
    int yearOfCentury = twoDigits(c, from + 8);
    int year = century < 0 || yearOfCentury < 0 ? -1 : 100 * century + yearOfCentury;
    int hour = twoDigits(c, from + 11);
    int minute = twoDigits(c, from + 14);
    int second = twoDigits(c, from + 17);
    char half = c[from + 20];
    // the formatter's own rules: year of era from 1, clock hour 1-12 (0 is its lenient case); no day clamping here
    if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1 || hour < 1 || hour > 12 || minute < 0
        || minute > 59 || second < 0 || second > 59 || (half != 'A' && half != 'P')) {
      return NOT_PLAIN;
    }
    int hourOfDay = hour % 12 + (half == 'P' ? 12 : 0);
    int date = year * 10_000 + month * 100 + day;
    int slot = (date * 0x9E3779B1) >>> 18 & (CACHE - 1);
    if (cachedDates[slot] != date + 1) {
      remember(slot, date, year, month, day);
    }
    int offset = cachedOffsets[slot];
    if (offset == INVALID) {
      return NOT_PLAIN;
    }
    if (offset == CHANGING) {
      return LocalDateTime.of(year, month, day, hourOfDay, minute, second).atZone(zone).toEpochSecond();
    }
    return cachedEpochDays[slot] * SECONDS_PER_DAY + hourOfDay * 3600L + minute * 60L + second - offset;
  }

  /** Two decimal digits, or -1 when either is not one. */
  private static int twoDigits(char[] c, int at) {
    int tens = c[at] - '0';
    int ones = c[at + 1] - '0';
    if (tens < 0 || tens > 9 || ones < 0 || ones > 9) {
      return -1;
    }
    return tens * 10 + ones;
  }

  private void remember(int slot, int date, int year, int month, int day) {
    cachedDates[slot] = date + 1;
    if (day > LocalDate.of(year, month, 1).lengthOfMonth()) {
      cachedOffsets[slot] = INVALID;
      return;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    cachedEpochDays[slot] = epochDay;
    cachedOffsets[slot] = uniformOffset(epochDay);
  }

  /**
   * The zone's offset (seconds) when it holds for every local time of the day, or {@link #CHANGING} when the day
   * starts ambiguous or a transition falls within it. A local time just before a later fall-back is ambiguous too,
   * but java.time takes the earlier offset there, which is this one.
   */
  private int uniformOffset(long epochDay) {
    LocalDateTime start = LocalDate.ofEpochDay(epochDay).atStartOfDay();
    List<ZoneOffset> valid = rules.getValidOffsets(start);
    if (valid.size() != 1) {
      return CHANGING;
    }
    Instant startInstant = start.toInstant(valid.get(0));
    ZoneOffsetTransition next = rules.nextTransition(startInstant);
    if (next != null && next.getInstant().getEpochSecond() < startInstant.getEpochSecond() + SECONDS_PER_DAY) {
      return CHANGING;
    }
    return valid.get(0).getTotalSeconds();
  }
}
