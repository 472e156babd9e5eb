package io.hotwatch.core.trend;

/**
 * The hours of a trend's horizon, whole local days ending at a local midnight, with each hour's local day and hour of
 * the week worked out once: every key's trend at the same midnight shares one window.
 */
public final class TrendWindow {

  public static final int FORECAST_HOURS = 24;

  private final long start;
  private final long end;
  private final long nextStart;
  private final int days;
  private final int[] dayIndex;
  private final int[] hourOfWeek;
  private final int[] nextHourOfWeek;

  private TrendWindow(
      long start, long end, long nextStart, int days, int[] dayIndex, int[] hourOfWeek, int[] nextHourOfWeek) {
    this.start = start;
    this.end = end;
    this.nextStart = nextStart;
    this.days = days;
    this.dayIndex = dayIndex;
    this.hourOfWeek = hourOfWeek;
    this.nextHourOfWeek = nextHourOfWeek;
  }

  /** The {@code days} local days before {@code end}, an epoch hour that must be a local midnight. */
  public static TrendWindow ending(long end, int days, LocalHours clock) {
    long start = clock.plusDays(end, -days);
    int hours = (int) (end - start);
    long[] local = clock.localHours(start, hours + FORECAST_HOURS);
    long firstDay = Math.floorDiv(local[0], 24);
    if (Math.floorMod(local[0], 24) != 0 || local[hours] != (firstDay + days) * 24) {
      throw new IllegalArgumentException("epoch hour " + end + " is not a local midnight in " + clock.zone());
    }
    int[] dayIndex = new int[hours];
    int[] hourOfWeek = new int[hours];
    int[] next = new int[FORECAST_HOURS];
    for (int i = 0; i < hours; i++) {
      dayIndex[i] = (int) (Math.floorDiv(local[i], 24) - firstDay);
      hourOfWeek[i] = LocalHours.hourOfWeek(local[i]);
    }
    for (int i = 0; i < FORECAST_HOURS; i++) {
      next[i] = LocalHours.hourOfWeek(local[hours + i]);
    }
    return new TrendWindow(start, end, clock.plusDays(start, 1), days, dayIndex, hourOfWeek, next);
  }

  /** Epoch hour of the window's first hour (a local midnight). */
  public long start() {
    return start;
  }

  /** Epoch hour just past the window (a local midnight). */
  public long end() {
    return end;
  }

  /** Epoch hour of the first hour of the window a day later. */
  public long nextStart() {
    return nextStart;
  }

  public int days() {
    return days;
  }

  public int hours() {
    return dayIndex.length;
  }

  /** Local day (0 = first) of the window's i-th hour. */
  public int dayIndex(int hour) {
    return dayIndex[hour];
  }

  /** Hours of the week (Monday 00:00 local = 0) of the window's hours; not to be modified. */
  int[] hoursOfWeek() {
    return hourOfWeek;
  }

  /** Hours of the week of the 24 hours after the window; not to be modified. */
  int[] nextHoursOfWeek() {
    return nextHourOfWeek;
  }
}
