package io.hotwatch.dashboard.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream at {@code /ws/hotspots}: a snapshot (or, with {@code ?since=SEQ&stream=ID}, the messages missed
 * since), then every message numbered by {@code seq}; filters as query parameters. The protocol is described in the
 * module's README. Push only: what a client sends is ignored.
 */
@ServerWebSocket("/ws/hotspots")
public class HotspotSocket {

  private static final Logger LOG = LoggerFactory.getLogger(HotspotSocket.class);

  private final HotspotFeed feed;

  public HotspotSocket(HotspotFeed feed) {
    this.feed = feed;
  }

  @OnOpen
  public void onOpen(WebSocketSession session, HttpRequest<?> request) {
    // The upgraded connection's channel: frames are written to it around bytes encoded once for all clients.
    Channel channel = request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().channel() : null;
    if (channel == null) {
      LOG.warn("Session {} has no Netty channel: its messages are encoded once more for it", session.getId());
    }
    feed.open(session, channel, request.getParameters().asMap());
  }

  /** Micronaut requires a message handler; the stream takes its requests as query parameters. */
  @OnMessage
  public void onMessage(String message, WebSocketSession session) {
    LOG.debug("Ignoring a message from session {}", session.getId());
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    feed.close(session);
  }
}
