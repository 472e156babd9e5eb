package io.hotwatch.dashboard.web;

import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;

/**
 * The live feed at {@code /ws/hotspots}: {@code {"type":"snapshot","hotspots":[...]}} on open, then one
 * {@code {"type":"hotspot","event":{...}}} per change. Push only: a client that sends data is closed with 1003.
 */
@ServerWebSocket("/ws/hotspots")
public class HotspotSocket {

  private final HotspotFeed feed;

  public HotspotSocket(HotspotFeed feed) {
    this.feed = feed;
  }

  @OnOpen
  public void onOpen(WebSocketSession session) {
    feed.open(session);
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    feed.close(session);
  }
}
