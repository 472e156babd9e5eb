package io.hotwatch.dashboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The resume retention: by count, by age, and what a resume may and may not be served. */
class MessageRingTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void keepsTheLatestMessagesUpToTheCount() {
    MessageRing ring = new MessageRing(3, Duration.ofMinutes(15), clock);
    for (long seq = 1; seq <= 5; seq++) {
      ring.add(message(seq));
    }
    assertThat(seqs(ring.after(2, 5).orElseThrow())).containsExactly(3L, 4L, 5L);
    assertThat(seqs(ring.after(4, 5).orElseThrow())).containsExactly(5L);
    assertThat(ring.after(5, 5)).hasValueSatisfying(missed -> assertThat(missed).isEmpty());
    assertThat(ring.after(1, 5)).as("message 2 is forgotten").isEmpty();
    assertThat(ring.after(6, 5)).as("ahead of the stream").isEmpty();
  }

  @Test
  void forgetsMessagesOlderThanTheAge() {
    MessageRing ring = new MessageRing(100, Duration.ofMinutes(15), clock);
    ring.add(message(1));
    clock.advance(Duration.ofMinutes(10));
    ring.add(message(2));
    assertThat(seqs(ring.after(0, 2).orElseThrow())).containsExactly(1L, 2L);

    clock.advance(Duration.ofMinutes(6));
    assertThat(ring.after(0, 2)).as("message 1 is 16 minutes old").isEmpty();
    assertThat(seqs(ring.after(1, 2).orElseThrow())).containsExactly(2L);
    clock.advance(Duration.ofMinutes(10));
    assertThat(ring.after(1, 2)).isEmpty();
    assertThat(ring.size()).isZero();
  }

  @Test
  void refusesAGapInTheSequence() {
    MessageRing ring = new MessageRing(10, Duration.ofMinutes(1), clock);
    ring.add(message(1));
    assertThatThrownBy(() -> ring.add(message(3))).hasMessageContaining("seq 3 does not follow 1");
  }

  private StreamMessage message(long seq) {
    return new StreamMessage(seq, "trend", ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8),
        Scope.UNSCOPED, clock.millis(), System.nanoTime());
  }

  private static List<Long> seqs(List<StreamMessage> messages) {
    return messages.stream().map(StreamMessage::seq).toList();
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
