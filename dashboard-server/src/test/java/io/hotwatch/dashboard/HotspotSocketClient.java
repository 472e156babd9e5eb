package io.hotwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.micronaut.websocket.WebSocketSession;
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

  @OnMessage
  void onMessage(String message) {
    messages.add(message);
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

  /** The next message, which must carry one applied event. */
  public HotspotAlert nextEvent() throws Exception {
    JsonNode message = next();
    assertThat(message.path("type").asText()).as("message %s", message).isEqualTo("hotspot");
    return json.treeToValue(message.path("event"), HotspotAlert.class);
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
  }
}
