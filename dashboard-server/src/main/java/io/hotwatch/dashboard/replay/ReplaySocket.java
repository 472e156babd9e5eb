package io.hotwatch.dashboard.replay;

import io.hotwatch.dashboard.stream.StreamEncoder;
import io.hotwatch.dashboard.web.HotspotFeed;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A replay run's hotspots at {@code /ws/replay/{runId}}: the protocol of {@code /ws/hotspots} (snapshot or resume,
 * then numbered opened/updated/closed messages, the same filters) over the run's own stream. A run that is unknown or
 * has not started yet gets an {@code error} message and close code 4404.
 */
@ServerWebSocket("/ws/replay/{runId}")
public class ReplaySocket {

  /** Close code for a run that cannot be streamed (yet). */
  public static final int NO_SUCH_RUN = 4404;
  private static final Logger LOG = LoggerFactory.getLogger(ReplaySocket.class);
  private static final String RUN_ID = "runId";

  private final ReplayStreams streams;
  private final StreamEncoder encoder = new StreamEncoder();

  public ReplaySocket(ReplayStreams streams) {
    this.streams = streams;
  }

  @OnOpen
  public void onOpen(String runId, WebSocketSession session, HttpRequest<?> request) {
    Optional<HotspotFeed> feed = streams.feed(runId);
    if (feed.isEmpty()) {
      byte[] error = encoder.error("not-found", "replay run '" + runId + "' is unknown or has not started yet");
      session.sendSync(new String(error, StandardCharsets.UTF_8));
      session.close(new CloseReason(NO_SUCH_RUN, "no such run"));
      return;
    }
    Channel channel = request instanceof NettyHttpRequest<?> netty ? netty.getChannelHandlerContext().channel() : null;
    session.put(RUN_ID, runId);
    feed.get().open(session, channel, request.getParameters().asMap());
  }

  /** Micronaut requires a message handler; the stream takes its requests as query parameters. */
  @OnMessage
  public void onMessage(String message, WebSocketSession session) {
    LOG.debug("Ignoring a message from session {}", session.getId());
  }

  @OnClose
  public void onClose(WebSocketSession session) {
    session.get(RUN_ID, String.class).flatMap(streams::existing).ifPresent(feed -> feed.close(session));
  }
}
