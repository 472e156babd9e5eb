package io.hotwatch.core.event;

import java.time.Instant;

/**
 * The rolling trend of one police district and category (or of all categories, or of the whole city) at the end of a
 * local day: recent counts, the recent rate against the longer one, a Mann-Kendall test with Sen's slope over the
 * daily counts, the hour-of-week profile and a forecast of the next 24 hours with its measured error.
 *
 * <p>Days are Chicago local days and end at local midnight. Days before {@code coveredSince} (the first day the
 * stream had an incident for this key within the horizon) read 0 in {@code dailyCounts} and are left out of every
 * statistic, so that a key that has just appeared is not mistaken for a rising one.
 *
 * @param kind always {@code "trend"}
 * @param district police district, or {@value #CITY} for the whole city
 * @param category normalised category ({@link io.hotwatch.core.taxonomy.CrimeCategory}), or {@value #ALL}
 * @param at event-time end of the period this trend describes (a local midnight, exclusive)
 * @param coveredSince start of the first local day with data within the horizon
 * @param coveredDays days from {@code coveredSince} to {@code at}: how many of {@code dailyCounts} are data
 * @param hourlyCounts incidents in each of the 24 hours before {@code at}, oldest first
 * @param dailyCounts incidents in each of the {@code horizonDays} local days before {@code at}, oldest first
 * @param recentDays length of the recent period, in days (7 by default)
 * @param recentRate mean incidents per day over the last {@code recentDays} covered days
 * @param horizonRate mean incidents per day over all covered days of the horizon (28 days by default)
 * @param rateRatio {@code recentRate / horizonRate}; null when there was no incident in the horizon
 * @param mannKendallS Mann-Kendall S over the covered daily counts
 * @param mannKendallTau S over the number of pairs of days, in [-1, 1]
 * @param mannKendallZ continuity-corrected normal score of S, variance corrected for ties
 * @param mannKendallP two-sided p-value of the Mann-Kendall test; 1 when fewer than 3 days are covered
 * @param senSlope Sen's slope over the covered daily counts, in incidents per day per day
 * @param alpha significance level of {@code direction}
 * @param direction {@value #RISING} or {@value #FALLING} when {@code mannKendallP < alpha}, else {@value #FLAT}
 * @param profile mean incidents per hour for each hour of the week over the covered hours, Monday 00:00 local first
 *     (168 values, rounded to 3 decimals)
 * @param forecast expected incidents in each of the 24 hours after {@code at}: the profile at those hours
 * @param forecastTotal sum of {@code forecast}
 * @param forecastErrorHours how many covered hours had an earlier week to be forecast from
 * @param forecastMae mean absolute error of the same forecast made one hour ahead over those hours; null when none
 * @param forecastMase that error over the seasonal naive forecast's (last week's count at the same hour): below 1
 *     is better than repeating last week; null when there is no error to scale by
 */
public record TrendEvent(
    String kind,
    String district,
    String category,
    Instant at,
    Instant coveredSince,
    int coveredDays,
    int[] hourlyCounts,
    int[] dailyCounts,
    int recentDays,
    double recentRate,
    double horizonRate,
    Double rateRatio,
    long mannKendallS,
    double mannKendallTau,
    double mannKendallZ,
    double mannKendallP,
    double senSlope,
    double alpha,
    String direction,
    double[] profile,
    double[] forecast,
    double forecastTotal,
    int forecastErrorHours,
    Double forecastMae,
    Double forecastMase) {

  public static final String KIND = "trend";
  /** The district of the city-wide trend. */
  public static final String CITY = "CITY";
  /** The category of a trend over all categories. */
  public static final String ALL = "ALL";

  public static final String RISING = "rising";
  public static final String FALLING = "falling";
  public static final String FLAT = "flat";

  /** {@code district|category}: the same for every trend of one series, so it suits a Kafka record key. */
  public String key() {
    return district + "|" + category;
  }
}
