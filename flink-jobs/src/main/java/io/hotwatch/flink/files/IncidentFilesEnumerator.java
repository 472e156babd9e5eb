package io.hotwatch.flink.files;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

/**
 * Hands the one split to the first reader that registers (again, after a failure gave it back) and tells every
 * reader that no more splits will come, so readers without it finish at once.
 */
final class IncidentFilesEnumerator implements SplitEnumerator<IncidentFilesSplit, List<IncidentFilesSplit>> {

  private final SplitEnumeratorContext<IncidentFilesSplit> context;
  private final List<IncidentFilesSplit> unassigned;

  IncidentFilesEnumerator(SplitEnumeratorContext<IncidentFilesSplit> context, List<IncidentFilesSplit> unassigned) {
    this.context = context;
    this.unassigned = new ArrayList<>(unassigned);
  }

  @Override
  public void start() {}

  @Override
  public void handleSplitRequest(int subtaskId, String requesterHostname) {}

  @Override
  public void addSplitsBack(List<IncidentFilesSplit> splits, int subtaskId) {
    unassigned.addAll(splits);
  }

  @Override
  public void addReader(int subtaskId) {
    for (IncidentFilesSplit split : unassigned) {
      context.assignSplit(split, subtaskId);
    }
    unassigned.clear();
    context.signalNoMoreSplits(subtaskId);
  }

  @Override
  public List<IncidentFilesSplit> snapshotState(long checkpointId) {
    return List.copyOf(unassigned);
  }

  @Override
  public void close() {}
}
