package io.hotwatch.core.replay;

import java.time.Instant;

/**
 * Where a replay run stands, as the replay service writes it to {@link ReplayTopics#STATUS} (the latest per run id).
 *
 * @param runId the run
 * @param state one of the constants below
 * @param reason why it was refused, failed or stopped; null otherwise
 * @param dataset the dataset replayed
 * @param from first occurrence time replayed (inclusive)
 * @param to end of the occurrence times replayed (exclusive)
 * @param speed as requested
 * @param eventTime the replay's clock: occurrence time of the latest incident sent, null before the first
 * @param sent incidents sent so far
 * @param total incidents the run sends when not stopped (known once the dataset has been read)
 * @param requestedBy who asked
 * @param updatedAt when this status was written
 */
public record ReplayStatus(
    String runId, String state, String reason, String dataset, Instant from, Instant to, String speed,
    Instant eventTime, long sent, long total, String requestedBy, Instant updatedAt) {

  /** Received, not started yet. */
  public static final String REQUESTED = "requested";
  /** Incidents are being sent to the run's job. */
  public static final String RUNNING = "running";
  /** Everything is sent; the job works through the end of its input, where its last hotspots close. */
  public static final String FINISHING = "finishing";
  public static final String FINISHED = "finished";
  public static final String STOPPED = "stopped";
  public static final String FAILED = "failed";
  /** Not started: another run was active, or the request could not be used. */
  public static final String REFUSED = "refused";

  /** The first status of a start request. */
  public static ReplayStatus requested(ReplayRequest request, Instant now) {
    return new ReplayStatus(request.runId(), REQUESTED, null, request.dataset(), request.from(), request.to(),
        request.speed(), null, 0, 0, request.requestedBy(), now);
  }

  /** Whether the run still holds the service (requested, running or finishing). */
  public boolean active() {
    return REQUESTED.equals(state) || RUNNING.equals(state) || FINISHING.equals(state);
  }

  public ReplayStatus with(String newState, String newReason, Instant now) {
    return new ReplayStatus(runId, newState, newReason, dataset, from, to, speed, eventTime, sent, total, requestedBy,
        now);
  }

  public ReplayStatus withProgress(Instant reached, long sentSoFar, long all, Instant now) {
    return new ReplayStatus(runId, state, reason, dataset, from, to, speed, reached, sentSoFar, all, requestedBy, now);
  }
}
