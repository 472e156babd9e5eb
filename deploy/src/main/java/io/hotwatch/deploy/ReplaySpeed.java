package io.hotwatch.deploy;

import java.time.Duration;

/**
 * How fast a replay runs: a factor on real time (event-time gaps divided by it), or as fast as Kafka accepts records.
 *
 * @param factor the speed-up over real time; {@link Double#POSITIVE_INFINITY} for as fast as possible
 */
public record ReplaySpeed(double factor) {

  public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

  public ReplaySpeed {
    if (Double.isNaN(factor) || factor <= 0) {
      throw new IllegalArgumentException("speed " + factor + " must be a positive number or 'max'");
    }
  }

  /** Parses {@code max} or a positive number such as {@code 60} or {@code 0.5}. */
  public static ReplaySpeed parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("max")) {
      return MAX;
    }
    double factor;
    try {
      factor = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("speed '" + text + "' is neither a positive number nor 'max'");
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("speed '" + text + "' must be a positive number or 'max'");
    }
    return new ReplaySpeed(factor);
  }

  public boolean isMax() {
    return Double.isInfinite(factor);
  }

  /** Wall-clock time that an event-time gap takes at this speed (zero at max speed). */
  public long wallNanos(Duration eventGap) {
    if (isMax()) {
      return 0;
    }
    return (long) (eventGap.toNanos() / factor);
  }

  @Override
  public String toString() {
    return isMax() ? "max" : (factor == Math.rint(factor) ? String.valueOf((long) factor) : String.valueOf(factor)) + "x";
  }
}
