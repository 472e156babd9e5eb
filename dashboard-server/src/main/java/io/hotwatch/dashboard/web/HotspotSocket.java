package io.hotwatch.dashboard.web;

import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feed at {@code /ws/hotspots}: {@code {"type":"snapshot","hotspots":[...]}} on open, then one
 * {@code {"type":"hotspot","event":{...}}} per change. Push only: what a client sends is ignored.
 */
@ServerWebSocket("/ws/hotspots")
public class HotspotSocket {

  private static final Logger LOG = LoggerFactory.getLogger(HotspotSocket.class);

  private final HotspotFeed feed;

  public HotspotSocket(HotspotFeed feed) {
    this.feed = feed;
  }

  @OnOpen
  public void onOpen(WebSocketSession session) {
    feed.open(session);
  }

  /** Micronaut requires a message handler; the feed has nothing to receive, so client messages are dropped. */
  @OnMessage
  public void onMessage(String message, WebSocketSession session) {
    LOG.debug("Ignoring a message from session {}", session.getId());
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    feed.close(session);
  }
}
