package io.hotwatch.dashboard.alerting;

import java.util.List;

/** Told of every event the history has recorded, in order; called under the history's lock, so return quickly. */
@FunctionalInterface
public interface AlertRecordedListener {

  /** One new event, with its hotspot's earlier revisions still held, oldest first. */
  void recorded(AlertRecord alert, List<AlertRecord> earlier);
}
