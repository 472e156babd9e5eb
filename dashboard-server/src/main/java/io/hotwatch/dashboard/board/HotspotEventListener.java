package io.hotwatch.dashboard.board;

import io.hotwatch.core.event.HotspotAlert;

/**
 * Told of every event the board applied (repeats it ignored are not passed on), in the order applied. Called while
 * the board holds its lock, so that listeners see the board's order: return quickly and hand slow work elsewhere.
 */
@FunctionalInterface
public interface HotspotEventListener {

  /** One applied event, read from this partition of the topic. */
  void applied(HotspotAlert alert, int partition);
}
