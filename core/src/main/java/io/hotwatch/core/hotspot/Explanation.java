package io.hotwatch.core.hotspot;

import io.hotwatch.core.model.BaselineRates;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/** The one sentence a dispatcher reads: what, where, against what normal, and how rare by chance. */
final class Explanation {

  private Explanation() {}

  static String of(
      String type, long observed, Map<String, Long> categories, int cells, long windowMillis, long windowEnd,
      double expected, double cityLevel, double recurrenceDays, boolean atResolutionLimit) {
    StringBuilder s = new StringBuilder();
    if (type.equals(io.hotwatch.core.event.HotspotAlert.CLOSED)) {
      s.append("Back to normal: ");
    }
    s.append(observed).append(observed == 1 ? " incident" : " incidents");
    String mix = mix(observed, categories);
    if (!mix.isEmpty()) {
      s.append(", ").append(mix).append(',');
    }
    s.append(" in ").append(cells).append(cells == 1 ? " cell" : " cells");
    s.append(" in the last ").append(window(windowMillis));
    s.append(" against ").append(number(expected)).append(" expected for ").append(when(windowMillis, windowEnd));
    // the scan compares with the cells' share of what the whole city saw: say so when the city is off its normal
    double share = expected * cityLevel;
    if (Math.abs(cityLevel - 1) > 0.1) {
      s.append(", ").append(number(share)).append(" at the city's current level");
    }
    if (share > 0) {
      s.append(": ").append(number(observed / share)).append("x the usual");
    }
    s.append("; by chance ");
    if (atResolutionLimit) {
      s.append("less than once every ").append(days(recurrenceDays));
    } else {
      s.append("about once every ").append(days(recurrenceDays));
    }
    return s.toString();
  }

  private static String mix(long observed, Map<String, Long> categories) {
    if (categories.isEmpty()) {
      return "";
    }
    Map.Entry<String, Long> top = categories.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
    if (top.getValue() == observed) {
      return observed == 1 ? top.getKey() : "all " + top.getKey();
    }
    if (top.getValue() * 2 > observed) {
      return "mostly " + top.getKey();
    }
    return "of " + categories.size() + " kinds, most often " + top.getKey();
  }

  private static String window(long millis) {
    Duration d = Duration.ofMillis(millis);
    if (d.equals(Duration.ofHours(1))) {
      return "hour";
    }
    if (d.equals(Duration.ofDays(1))) {
      return "24 hours";
    }
    if (d.toMinutes() % (24 * 60) == 0) {
      return d.toDays() + " days";
    }
    if (d.toMinutes() % 60 == 0) {
      return d.toHours() + " hours";
    }
    return d.toMinutes() + " minutes";
  }

  private static String when(long windowMillis, long windowEnd) {
    if (windowMillis >= Duration.ofDays(7).toMillis()) {
      return "a week";
    }
    ZonedDateTime end = java.time.Instant.ofEpochMilli(windowEnd - 1).atZone(BaselineRates.ZONE);
    String day = end.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    if (windowMillis >= Duration.ofHours(24).toMillis()) {
      return "the day to " + day + " " + partOfDay(end.getHour());
    }
    return "a " + day + " " + partOfDay(end.getHour());
  }

  private static String partOfDay(int hour) {
    if (hour < 6) {
      return "night";
    }
    if (hour < 12) {
      return "morning";
    }
    if (hour < 18) {
      return "afternoon";
    }
    return hour < 22 ? "evening" : "night";
  }

  private static String number(double x) {
    if (x >= 10) {
      return String.valueOf(Math.round(x));
    }
    if (x >= 1 || x == 0) {
      return String.format(Locale.ROOT, "%.1f", x);
    }
    // two significant digits: 0.06, not 0.0
    return new java.math.BigDecimal(x).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
  }

  private static String days(double d) {
    if (d >= 2) {
      return Math.round(d) + " days";
    }
    double hours = d * 24;
    return hours >= 2 ? Math.round(hours) + " hours" : Math.max(1, Math.round(hours * 60)) + " minutes";
  }
}
