package io.hotwatch.dashboard.stream;

import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connected client: its filter and its bounded send queue. Messages are written as they are offered, each as a
 * text frame around the bytes encoded once for every client; the channel holds those not yet on the wire, and when
 * {@code limit} of them wait, the next one drops the client (close code {@value #QUEUE_FULL}).
 */
public final class ClientStream {

  /** Close code of a client dropped because its queue was full: it reconnects with {@code since}. */
  public static final int QUEUE_FULL = 4001;
  /** Close code of a connection refused for a bad filter or resume parameter. */
  public static final int BAD_REQUEST = 4400;
  static final String QUEUE_FULL_REASON = "send queue full; reconnect with since=<last seq received>";

  private final WebSocketSession session;
  private final Channel channel;
  private final Subscription subscription;
  private final int limit;
  private final Duration closeGrace;
  private final StreamCounters counters;
  private final AtomicInteger waiting = new AtomicInteger();
  /** Of those waiting, the missed messages a resume sent: they are the ring's, and do not count against the limit. */
  private final AtomicInteger replaying = new AtomicInteger();
  private volatile boolean dropped;

  /**
   * @param session the Micronaut session
   * @param channel its Netty channel, written to directly so that a frame wraps the shared bytes; null to write
   *     through the session (each message is then encoded per client)
   */
  public ClientStream(WebSocketSession session, Channel channel, Subscription subscription, StreamSettings settings,
      StreamCounters counters) {
    this.session = session;
    this.channel = channel;
    this.subscription = subscription;
    this.limit = settings.queueLimit();
    this.closeGrace = settings.closeGrace();
    this.counters = counters;
  }

  public WebSocketSession session() {
    return session;
  }

  public Subscription subscription() {
    return subscription;
  }

  /** Queues the message if the filter lets it through; false once the client is dropped. */
  public boolean offer(StreamMessage message) {
    if (dropped) {
      counters.droppedSlowClient.increment();
      return false;
    }
    if (!subscription.matches(message.scope())) {
      counters.filteredOut.increment();
      return true;
    }
    return write(message.json(), false);
  }

  /**
   * Queues a missed message for a resuming client. The missed messages may be many more than the queue limit; they
   * are shared with the ring (no copy per client), so they are allowed beyond it, and live messages that follow are
   * held to the limit on top of those still waiting.
   */
  public void replay(StreamMessage message) {
    if (dropped) {
      return;
    }
    if (!subscription.matches(message.scope())) {
      counters.filteredOut.increment();
      return;
    }
    replaying.incrementAndGet();
    waiting.incrementAndGet();
    writeFrame(message.json(), true);
  }

  /** Queues a message that is not part of the stream (snapshot, resume notice, error). */
  public boolean send(byte[] json) {
    return !dropped && write(json, false);
  }

  /** Closes the connection with a code and reason once what is queued has been written. */
  public void close(int code, String reason) {
    dropped = true;
    if (channel != null) {
      channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
      channel.eventLoop().schedule(() -> channel.close(), closeGrace.toMillis(), TimeUnit.MILLISECONDS);
    } else {
      session.close(new CloseReason(code, reason));
    }
  }

  public boolean dropped() {
    return dropped;
  }

  private boolean write(byte[] json, boolean replayed) {
    if (waiting.incrementAndGet() - replaying.get() > limit) {
      waiting.decrementAndGet();
      counters.droppedSlowClient.increment();
      counters.slowClientsDropped.increment();
      close(QUEUE_FULL, QUEUE_FULL_REASON);
      return false;
    }
    writeFrame(json, replayed);
    return true;
  }

  private void writeFrame(byte[] json, boolean replayed) {
    if (channel != null) {
      channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(json)))
          .addListener(written -> done(written.isSuccess(), replayed));
    } else {
      session.sendAsync(new String(json, StandardCharsets.UTF_8))
          .whenComplete((ignored, failure) -> done(failure == null, replayed));
    }
  }

  private void done(boolean written, boolean replayed) {
    if (replayed) {
      replaying.decrementAndGet();
    }
    waiting.decrementAndGet();
    if (written) {
      counters.sent.increment();
    } else if (dropped) {
      counters.droppedSlowClient.increment();
    } else {
      counters.droppedClosed.increment();
    }
  }
}
