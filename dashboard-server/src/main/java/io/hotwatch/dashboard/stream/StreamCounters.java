package io.hotwatch.dashboard.stream;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.LongAdder;

/** What the live socket did, counted since start, for {@code GET /api/stats}. */
@Singleton
public final class StreamCounters {

  final LongAdder sent = new LongAdder();
  final LongAdder filteredOut = new LongAdder();
  final LongAdder droppedSlowClient = new LongAdder();
  final LongAdder droppedClosed = new LongAdder();
  final LongAdder slowClientsDropped = new LongAdder();
  final LongAdder resumed = new LongAdder();
  final LongAdder resumeSnapshots = new LongAdder();
  final LongAdder badRequests = new LongAdder();

  public void badRequest() {
    badRequests.increment();
  }

  public void resumed() {
    resumed.increment();
  }

  public void resumeSnapshot() {
    resumeSnapshots.increment();
  }

  public Stats stats(long lastSeq, int retained) {
    return new Stats(lastSeq, retained, sent.sum(), filteredOut.sum(),
        new Dropped(droppedSlowClient.sum(), droppedClosed.sum()), slowClientsDropped.sum(), resumed.sum(),
        resumeSnapshots.sum(), badRequests.sum());
  }

  /**
   * The socket's counters.
   *
   * @param lastSeq the latest sequence number given out
   * @param retained messages kept for resuming clients
   * @param sent messages (and snapshots, resume and error notices) written to clients
   * @param filteredOut messages a client's filter kept from it
   * @param dropped messages a client should have had but did not, by reason
   * @param slowClientsDropped clients disconnected because their queue was full
   * @param resumed reconnections served from the retained messages
   * @param resumeSnapshots reconnections that got a snapshot instead (beyond the retention, or another stream)
   * @param badRequests connections refused for a bad filter or resume parameter
   */
  @Serdeable
  public record Stats(
      long lastSeq, int retained, long sent, long filteredOut, Dropped dropped, long slowClientsDropped, long resumed,
      long resumeSnapshots, long badRequests) {}

  /**
   * Messages not delivered.
   *
   * @param slowClient not queued, or discarded from the queue, because the client's queue was full
   * @param closed the client's connection closed before they were written
   */
  @Serdeable
  public record Dropped(long slowClient, long closed) {}
}
