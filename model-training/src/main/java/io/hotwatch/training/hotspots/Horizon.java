package io.hotwatch.training.hotspots;

import java.time.Period;

/** How far ahead a forecast looks: the next calendar day or the next seven days, in Chicago time. */
enum Horizon {
  NEXT_DAY("nextDay", Period.ofDays(1)),
  NEXT_WEEK("nextWeek", Period.ofWeeks(1));

  final String key;
  final Period length;

  Horizon(String key, Period length) {
    this.key = key;
    this.length = length;
  }
}
