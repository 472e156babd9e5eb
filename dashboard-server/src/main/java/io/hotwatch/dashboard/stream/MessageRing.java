package io.hotwatch.dashboard.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latest stream messages kept for clients that resume: at most {@code maxMessages}, none older than
 * {@code maxAge}. Not thread-safe: the stream calls it under its lock.
 */
public final class MessageRing {

  private final int maxMessages;
  private final Duration maxAge;
  private final Clock clock;
  private final ArrayDeque<StreamMessage> messages = new ArrayDeque<>();

  public MessageRing(int maxMessages, Duration maxAge, Clock clock) {
    if (maxMessages < 1) {
      throw new IllegalArgumentException("resume-messages " + maxMessages + " must be at least 1");
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("resume-age " + maxAge + " must be positive");
    }
    this.maxMessages = maxMessages;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public void add(StreamMessage message) {
    StreamMessage last = messages.peekLast();
    if (last != null && message.seq() != last.seq() + 1) {
      throw new IllegalArgumentException("seq " + message.seq() + " does not follow " + last.seq());
    }
    messages.addLast(message);
    while (messages.size() > maxMessages) {
      messages.removeFirst();
    }
    expire();
  }

  /**
   * Every message after {@code seq}, oldest first, when the ring still holds all of them; empty when some have been
   * forgotten or {@code seq} lies ahead of {@code lastSeq}, the latest sequence number given out.
   */
  public Optional<List<StreamMessage>> after(long seq, long lastSeq) {
    expire();
    if (seq > lastSeq) {
      return Optional.empty();
    }
    if (seq == lastSeq) {
      return Optional.of(List.of());
    }
    StreamMessage oldest = messages.peekFirst();
    if (oldest == null || oldest.seq() > seq + 1) {
      return Optional.empty();
    }
    List<StreamMessage> missed = new ArrayList<>((int) (lastSeq - seq));
    for (StreamMessage message : messages) {
      if (message.seq() > seq) {
        missed.add(message);
      }
    }
    return Optional.of(missed);
  }

  public int size() {
    return messages.size();
  }

  private void expire() {
    long oldestKept = clock.millis() - maxAge.toMillis();
    while (!messages.isEmpty() && messages.peekFirst().appendedAtMillis() < oldestKept) {
      messages.removeFirst();
    }
  }
}
