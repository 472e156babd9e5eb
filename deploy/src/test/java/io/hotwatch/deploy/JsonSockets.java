package io.hotwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Queue;
import java.util.concurrent.CompletionStage;

/** The dashboard's sockets as the tests read them: each whole text message, parsed as JSON, into a queue. */
public final class JsonSockets {

  private static final ObjectMapper JSON = EventCodec.newObjectMapper();

  private JsonSockets() {}

  /** Opens a socket at {@code uri} with that Authorization header; its messages are added to {@code messages}. */
  public static WebSocket connect(HttpClient http, URI uri, String authorization, Queue<JsonNode> messages) {
    return http.newWebSocketBuilder()
        .header("Authorization", authorization)
        .buildAsync(
            uri,
            new WebSocket.Listener() {
              private final StringBuilder partial = new StringBuilder();

              @Override
              public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                  try {
                    messages.add(JSON.readTree(partial.toString()));
                  } catch (Exception e) {
                    throw new IllegalStateException("not JSON: " + partial, e);
                  }
                  partial.setLength(0);
                }
                webSocket.request(1);
                return null;
              }
            })
        .join();
  }
}
