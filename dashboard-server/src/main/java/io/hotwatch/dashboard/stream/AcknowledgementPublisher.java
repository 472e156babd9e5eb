package io.hotwatch.dashboard.stream;

/** Where an acknowledgement store tells the live socket about a new acknowledgement. */
public interface AcknowledgementPublisher {

  /** Puts the acknowledgement on the stream as an {@code ack} message with the next sequence number. */
  void publish(Acknowledgement acknowledgement);
}
