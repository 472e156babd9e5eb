package io.hotwatch.flink.files;

import io.hotwatch.flink.event.ParsedIncident;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;

/**
 * Emits the time-ordered records of its split, if it was given one; counts incidents left out by the filter as the
 * metric {@code incidentsOutsideRange}.
 */
final class IncidentFilesReader implements SourceReader<ParsedIncident, IncidentFilesSplit> {

  /** Metric: parsed incidents the filter left out. */
  static final String OUTSIDE_RANGE_METRIC = "incidentsOutsideRange";

  /** Records emitted per call of {@link #pollNext}. */
  private static final int BATCH = 512;

  private final IncidentFileSource.Filter keep;
  private final Clock clock;
  private final Counter outsideRange;
  private final List<IncidentFilesSplit> splits = new ArrayList<>();
  private CompletableFuture<Void> available = new CompletableFuture<>();
  private boolean noMoreSplits;
  private IncidentFilesSplit current;
  private TimeOrderedIncidents records;
  private long emitted;

  IncidentFilesReader(SourceReaderContext context, IncidentFileSource.Filter keep, Clock clock) {
    this.keep = keep;
    this.clock = clock;
    this.outsideRange = context.metricGroup().counter(OUTSIDE_RANGE_METRIC);
  }

  @Override
  public void start() {}

  @Override
  public InputStatus pollNext(ReaderOutput<ParsedIncident> output) throws Exception {
    if (records == null) {
      if (splits.isEmpty()) {
        return noMoreSplits ? InputStatus.END_OF_INPUT : nothingYet();
      }
      current = splits.remove(0);
      records = TimeOrderedIncidents.read(current.files(), keep, clock);
      outsideRange.inc(records.outsideRange());
      emitted = 0;
      // a restored split skips what it emitted before the checkpoint: the order is the same every time
      while (emitted < current.emitted() && records.hasNext()) {
        records.next();
        emitted++;
      }
    }
    // a batch per call spares the task a mailbox round per record; checkpoints still fall between calls
    for (int i = 0; i < BATCH && records.hasNext(); i++) {
      output.collect(records.next());
      emitted++;
    }
    if (records.hasNext()) {
      return InputStatus.MORE_AVAILABLE;
    }
    records = null;
    current = null;
    return !splits.isEmpty() ? InputStatus.MORE_AVAILABLE
        : noMoreSplits ? InputStatus.END_OF_INPUT : nothingYet();
  }

  private InputStatus nothingYet() {
    if (available.isDone()) {
      available = new CompletableFuture<>();
    }
    return InputStatus.NOTHING_AVAILABLE;
  }

  @Override
  public List<IncidentFilesSplit> snapshotState(long checkpointId) {
    List<IncidentFilesSplit> state = new ArrayList<>();
    if (current != null) {
      state.add(current.at(emitted));
    }
    state.addAll(splits);
    return state;
  }

  @Override
  public CompletableFuture<Void> isAvailable() {
    return available;
  }

  @Override
  public void addSplits(List<IncidentFilesSplit> newSplits) {
    splits.addAll(newSplits);
    available.complete(null);
  }

  @Override
  public void notifyNoMoreSplits() {
    noMoreSplits = true;
    available.complete(null);
  }

  @Override
  public void close() {}
}
