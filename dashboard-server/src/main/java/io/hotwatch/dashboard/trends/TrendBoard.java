package io.hotwatch.dashboard.trends;

import io.hotwatch.core.event.TrendEvent;
import jakarta.inject.Singleton;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest trend of each district and category, for a page that opens between two days' trends: the socket only
 * brings the next ones. A trend replaces the one held for its key only when it is not older.
 */
@Singleton
public final class TrendBoard {

  private final Map<String, TrendSummary> latest = new ConcurrentHashMap<>();

  /** Keeps the trend if it is the newest of its district and category. */
  public void put(TrendEvent trend) {
    TrendSummary summary = TrendSummary.of(trend);
    latest.merge(trend.district() + "\u0000" + trend.category(), summary,
        (held, next) -> next.at().isBefore(held.at()) ? held : next);
  }

  /**
   * The latest trends, city first, then districts by number, each with its all-categories trend first.
   *
   * @param district only this district (or {@value TrendEvent#CITY}); null for all
   */
  public List<TrendSummary> latest(String district) {
    return latest.values().stream()
        .filter(t -> district == null || t.district().equals(district))
        .sorted(Comparator.comparing((TrendSummary t) -> order(t.district()))
            .thenComparing(t -> t.category().equals(TrendEvent.ALL) ? "" : t.category()))
        .toList();
  }

  public int size() {
    return latest.size();
  }

  private static String order(String district) {
    if (district.equals(TrendEvent.CITY)) {
      return "";
    }
    // district numbers as the CSV writes them ("001", "7"): compare as numbers where they are
    String digits = district.replaceFirst("^0+(?=\\d)", "");
    return digits.chars().allMatch(Character::isDigit) ? String.format("%05d", Integer.parseInt(digits)) : district;
  }
}
