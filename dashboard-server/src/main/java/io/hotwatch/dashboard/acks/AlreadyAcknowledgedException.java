package io.hotwatch.dashboard.acks;

import io.hotwatch.dashboard.stream.Acknowledgement;

/** An alert is acknowledged once; a second attempt is told who did it and when. */
public final class AlreadyAcknowledgedException extends RuntimeException {

  private final Acknowledgement existing;

  public AlreadyAcknowledgedException(Acknowledgement existing) {
    super("alert " + existing.alertId() + " was acknowledged by " + existing.by() + " at " + existing.at());
    this.existing = existing;
  }

  public Acknowledgement existing() {
    return existing;
  }
}
