package io.hotwatch.dashboard.web;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.dashboard.board.HotspotBoard;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.websocket.WebSocketBroadcaster;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts hotspot alerts on the board and tells the open sockets: a snapshot to each new session, then every event that
 * changed the board (repeats are not passed on).
 *
 * <p>Applying-and-broadcasting and snapshot-and-send take one lock, and neither waits for the network while holding
 * it (writes are only queued on the channels), so each session sees its snapshot and then exactly the changes made
 * after it, in order.
 */
@Singleton
public final class HotspotFeed {

  private static final Logger LOG = LoggerFactory.getLogger(HotspotFeed.class);
  private static final byte[] PING = "hotwatch".getBytes(StandardCharsets.US_ASCII);

  private final HotspotBoard board;
  private final WebSocketBroadcaster broadcaster;
  private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();
  private final Object sendOrder = new Object();

  public HotspotFeed(HotspotBoard board, WebSocketBroadcaster broadcaster) {
    this.board = board;
    this.broadcaster = broadcaster;
  }

  /**
   * Applies one event read from the given partition and broadcasts it when it changed the board, then a fresh
   * snapshot when older hotspots were swept out of the retention on the way.
   */
  public void publish(HotspotAlert alert, int partition) {
    synchronized (sendOrder) {
      HotspotBoard.Update update = board.apply(alert, partition);
      if (update.changed()) {
        logFailure(broadcaster.broadcastAsync(HotspotMessage.of(alert)), alert.hotspotId());
      }
      if (!update.expiredHotspots().isEmpty()) {
        List<String> expired = update.expiredHotspots();
        LOG.info("Dropped {} hotspots past the retention: {}", expired.size(), expired);
        logFailure(broadcaster.broadcastAsync(SnapshotMessage.of(board.current())), "snapshot");
      }
    }
  }

  /** Sends a new session the whole board; later changes reach it through the broadcaster. */
  public void open(WebSocketSession session) {
    sessions.add(session);
    synchronized (sendOrder) {
      logFailure(session.sendAsync(SnapshotMessage.of(board.current())), "snapshot to " + session.getId());
    }
  }

  public void close(WebSocketSession session) {
    sessions.remove(session);
  }

  public int openSessions() {
    return sessions.size();
  }

  /**
   * Pings every session: the server closes connections with no traffic either way for its idle timeout (5 min by
   * default), and a quiet city can go that long without a hotspot change. Browsers answer pings on their own.
   */
  @Scheduled(fixedDelay = "${hotwatch.socket.ping-interval:30s}")
  public void ping() {
    for (WebSocketSession session : sessions) {
      if (session.isOpen()) {
        logFailure(session.sendPingAsync(PING), "ping to " + session.getId());
      } else {
        sessions.remove(session);
      }
    }
  }

  private static void logFailure(CompletableFuture<?> sent, String what) {
    sent.whenComplete(
        (ignored, failure) -> {
          if (failure != null) {
            // A session that closed mid-send; it will reconnect and get a snapshot.
            LOG.debug("Could not send {}: {}", what, failure.toString());
          }
        });
  }
}
