package io.hotwatch.dashboard.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes the socket's JSON messages with the topic's Jackson configuration, so payloads read as on Kafka. */
public final class StreamEncoder {

  private final ObjectMapper mapper = EventCodec.newObjectMapper();

  /** {@code {"type":..., "seq":..., <payloadName>: payload, ...extra}}. */
  public byte[] message(String type, long seq, String payloadName, Object payload, Map<String, Object> extra) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", type);
    message.put("seq", seq);
    message.put(payloadName, payload);
    message.putAll(extra);
    return write(message);
  }

  /** The open hotspots, consistent with the stream up to {@code seq}. */
  public byte[] snapshot(String stream, long seq, String reason, List<?> hotspots) {
    return write(snapshotMessage(stream, seq, reason, hotspots));
  }

  /** The open hotspots and the recent scored incidents, consistent with the stream up to {@code seq}. */
  public byte[] snapshot(String stream, long seq, String reason, List<?> hotspots, List<?> incidents) {
    Map<String, Object> message = snapshotMessage(stream, seq, reason, hotspots);
    message.put("incidents", incidents);
    return write(message);
  }

  private static Map<String, Object> snapshotMessage(String stream, long seq, String reason, List<?> hotspots) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "snapshot");
    message.put("stream", stream);
    message.put("seq", seq);
    message.put("reason", reason);
    message.put("hotspots", hotspots);
    return message;
  }

  /** Announces that the messages after {@code since} up to {@code seq} follow, then live ones. */
  public byte[] resumed(String stream, long since, long seq) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "resumed");
    message.put("stream", stream);
    message.put("since", since);
    message.put("seq", seq);
    return write(message);
  }

  public byte[] error(String code, String text) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("type", "error");
    message.put("code", code);
    message.put("message", text);
    return write(message);
  }

  private byte[] write(Object message) {
    try {
      return mapper.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
