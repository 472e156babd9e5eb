package io.hotwatch.flink.trends;

import io.hotwatch.core.trend.TrendCalculator;
import java.io.Serializable;

/**
 * Settings of the rolling trends.
 *
 * @param horizonDays local days of hourly counts kept per key and tested for a trend (28 by default)
 * @param recentDays local days of the recent rate compared with the horizon's (7 by default)
 * @param alpha significance level of a rising or falling trend (0.05 by default)
 */
public record TrendSettings(int horizonDays, int recentDays, double alpha) implements Serializable {

  public TrendSettings {
    // the calculator owns the rules; building one here rejects bad settings before a job is defined
    new TrendCalculator(horizonDays, recentDays, alpha);
  }

  public static TrendSettings defaults() {
    return new TrendSettings(28, 7, 0.05);
  }

  public TrendCalculator calculator() {
    return new TrendCalculator(horizonDays, recentDays, alpha);
  }
}
