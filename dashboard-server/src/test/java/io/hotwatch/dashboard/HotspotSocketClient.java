package io.hotwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.ClientWebSocket;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test client of {@code /ws/hotspots}: collects what the server pushes. */
@ClientWebSocket
public abstract class HotspotSocketClient implements AutoCloseable {

  /** How long the next message may take. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
  private final ObjectMapper json = EventCodec.newObjectMapper();
  private volatile WebSocketSession session;

  @OnOpen
  void onOpen(WebSocketSession session) {
    this.session = session;
  }

  private volatile CloseReason closeReason;

  @OnMessage
  void onMessage(String message) {
    messages.add(message);
  }

  @OnClose
  void onClose(CloseReason reason) {
    closeReason = reason;
  }

  /** Why the server closed the session, or null while it is open. */
  public CloseReason closeReason() {
    return closeReason;
  }

  public boolean isOpen() {
    return session != null && session.isOpen();
  }

  /** The next message, within {@link #WAIT}. */
  public JsonNode next() throws Exception {
    String message = messages.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(message).as("a message within " + WAIT).isNotNull();
    return json.readTree(message);
  }

  /** The next message, which must carry one applied hotspot event ({@code opened}, {@code updated}, {@code closed}). */
  public HotspotAlert nextEvent() throws Exception {
    JsonNode message = next();
    assertThat(message.path("type").asText()).as("message %s", message).isIn("opened", "updated", "closed");
    assertThat(message.path("seq").asLong()).as("message %s", message).isPositive();
    HotspotAlert alert = json.treeToValue(message.path("hotspot"), HotspotAlert.class);
    assertThat(alert.type()).as("message %s", message).isEqualTo(message.path("type").asText());
    return alert;
  }

  /** The next message within {@code wait}, or null when none came. */
  public JsonNode poll(Duration wait) throws Exception {
    String message = messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    return message == null ? null : json.readTree(message);
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
  }
}
