package io.hotwatch.dashboard.trends;

import io.hotwatch.core.event.TrendEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * What the page draws of a rolling trend: the daily counts for a sparkline and the figures beside it (the full
 * {@link TrendEvent} also carries the hour-of-week profile and the forecast).
 *
 * @param district police district, or {@value TrendEvent#CITY}
 * @param category category, or {@value TrendEvent#ALL}
 * @param at end of the local day the trend describes
 * @param coveredDays how many of {@code dailyCounts} (the last ones) are data
 * @param dailyCounts incidents per local day, oldest first
 * @param recentDays length of the recent period in days
 * @param recentRate incidents per day over the recent period
 * @param horizonRate incidents per day over the horizon
 * @param rateRatio recent over horizon rate; null without incidents in the horizon
 * @param direction rising, falling or flat (Mann-Kendall at {@code alpha})
 * @param mannKendallP the test's two-sided p-value
 * @param senSlope incidents per day per day
 */
@Serdeable
public record TrendSummary(
    String district,
    String category,
    Instant at,
    int coveredDays,
    int[] dailyCounts,
    int recentDays,
    double recentRate,
    double horizonRate,
    @Nullable Double rateRatio,
    String direction,
    double mannKendallP,
    double senSlope) {

  public static TrendSummary of(TrendEvent trend) {
    return new TrendSummary(trend.district(), trend.category(), trend.at(), trend.coveredDays(),
        trend.dailyCounts(), trend.recentDays(), trend.recentRate(), trend.horizonRate(), trend.rateRatio(),
        trend.direction(), trend.mannKendallP(), trend.senSlope());
  }
}
