package io.hotwatch.dashboard.alerting;

/** Told of every event the history has recorded, in order; called under the history's lock, so return quickly. */
@FunctionalInterface
public interface AlertRecordedListener {

  void recorded(AlertRecord alert);
}
