package io.hotwatch.core.replay;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * A request to the replay service, written to {@link ReplayTopics#CONTROL}: start a run of a dataset's incidents in
 * {@code [from, to)} at a speed, or stop a run.
 *
 * @param action {@link #START} or {@link #STOP}
 * @param runId the run's id, chosen by whoever asks (it names the run's topics)
 * @param dataset the dataset's name (start only)
 * @param from first occurrence time replayed, inclusive (start only)
 * @param to end of the occurrence times replayed, exclusive (start only)
 * @param speed a factor on real time such as {@code 60} or {@code 3600}, or {@code max} (start only)
 * @param requestedBy who asked
 * @param requestedAt when
 */
public record ReplayRequest(
    String action, String runId, String dataset, Instant from, Instant to, String speed, String requestedBy,
    Instant requestedAt) {

  public static final String START = "start";
  public static final String STOP = "stop";

  public static ReplayRequest start(
      String runId, String dataset, Instant from, Instant to, String speed, String requestedBy, Instant at) {
    return new ReplayRequest(START, runId, dataset, from, to, speed, requestedBy, at);
  }

  public static ReplayRequest stop(String runId, String requestedBy, Instant at) {
    return new ReplayRequest(STOP, runId, null, null, null, null, requestedBy, at);
  }

  /** A field of a start request that cannot be used, and why. */
  public record Problem(String field, String reason) {}

  /**
   * What is wrong with this start request against the datasets on offer, if anything: an unknown dataset, a missing
   * bound, {@code from} not before {@code to}, a range that misses the dataset altogether, a speed that is neither a
   * positive number nor {@code max}.
   */
  public Optional<Problem> problem(Collection<ReplayDataset> datasets) {
    if (dataset == null || dataset.isBlank()) {
      return Optional.of(new Problem("dataset", "no dataset named"));
    }
    ReplayDataset known = datasets.stream().filter(d -> d.name().equals(dataset)).findFirst().orElse(null);
    if (known == null) {
      return Optional.of(new Problem("dataset", "no dataset '" + dataset + "' is offered"));
    }
    if (from == null || to == null) {
      return Optional.of(new Problem(from == null ? "from" : "to", "missing: an ISO-8601 time with a zone is needed"));
    }
    if (!from.isBefore(to)) {
      return Optional.of(new Problem("from", "from " + from + " is not before to " + to));
    }
    if (!from.isBefore(known.lastEvent().plusMillis(1)) || !to.isAfter(known.firstEvent())) {
      return Optional.of(new Problem("from", "[" + from + ", " + to + ") lies outside dataset '" + dataset
          + "', which spans " + known.firstEvent() + " to " + known.lastEvent()));
    }
    if (speedFactor(speed).isEmpty()) {
      return Optional.of(new Problem("speed", "'" + speed + "' is neither a positive number (such as 60 or 3600)"
          + " nor 'max'"));
    }
    return Optional.empty();
  }

  /** The speed-up over real time ({@link Double#POSITIVE_INFINITY} for {@code max}), or empty when unreadable. */
  public static Optional<Double> speedFactor(String speed) {
    if (speed == null) {
      return Optional.empty();
    }
    String text = speed.strip();
    if (text.equalsIgnoreCase("max")) {
      return Optional.of(Double.POSITIVE_INFINITY);
    }
    try {
      double factor = Double.parseDouble(text);
      return factor > 0 && !Double.isInfinite(factor) ? Optional.of(factor) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
