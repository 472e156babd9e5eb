package io.hotwatch.core.trend;

/**
 * Mean count per hour of the week (Monday 00:00 local = 0) over a run of hourly counts: the weekly rhythm a trend's
 * forecast repeats. An hour of the week not yet observed has mean 0.
 *
 * @param means mean count for each of the 168 hours of the week
 * @param observations how many hours went into each mean
 */
public record SeasonalProfile(double[] means, int[] observations) {

  /** The profile of {@code counts[from..]}; {@code hourOfWeek[i]} is the hour of the week of {@code counts[i]}. */
  public static SeasonalProfile of(int[] hourOfWeek, int[] counts, int from) {
    // whole counts summed as ints: the same sums as in doubles, without int-to-double conversions in the loop
    int[] sums = new int[LocalHours.HOURS_PER_WEEK];
    int[] observations = new int[LocalHours.HOURS_PER_WEEK];
    for (int i = from; i < counts.length; i++) {
      int h = hourOfWeek[i];
      sums[h] += counts[i];
      observations[h]++;
    }
    double[] means = new double[LocalHours.HOURS_PER_WEEK];
    for (int h = 0; h < means.length; h++) {
      means[h] = observations[h] == 0 ? 0 : (double) sums[h] / observations[h];
    }
    return new SeasonalProfile(means, observations);
  }

  /** The mean at an hour of the week. */
  public double at(int hourOfWeek) {
    return means[hourOfWeek];
  }
}
