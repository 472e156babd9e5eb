package io.hotwatch.flink.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.json.EventCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** The job's output events as JSON lines: one object per line, its {@code kind} saying what it is. */
public final class JsonLines {

  /** The kind of a dead-letter line (hotspot events carry their own kind, {@value HotspotEvent#KIND}). */
  public static final String DEAD_LETTER_KIND = "dead-letter";

  /** How every dead-letter line starts: its kind comes first. */
  public static final String DEAD_LETTER_PREFIX = "{\"kind\":\"" + DEAD_LETTER_KIND + "\"";

  private JsonLines() {}

  /** A hotspot event as the topic holds it; it has its own {@code kind} field. */
  public static final class Hotspots extends RichMapFunction<HotspotEvent, String> {
    private static final long serialVersionUID = 1L;
    private transient EventCodec codec;

    @Override
    public void open(OpenContext openContext) {
      codec = new EventCodec();
    }

    @Override
    public String map(HotspotEvent event) {
      return codec.encode(event);
    }
  }

  /** A dead letter as the topic holds it, with {@code "kind": "dead-letter"} put first. */
  public static final class DeadLetters extends RichMapFunction<DeadLetter, String> {
    private static final long serialVersionUID = 1L;
    private transient EventCodec codec;

    @Override
    public void open(OpenContext openContext) {
      codec = new EventCodec();
    }

    @Override
    public String map(DeadLetter letter) {
      ObjectNode line = codec.mapper().createObjectNode().put("kind", DEAD_LETTER_KIND);
      line.setAll((ObjectNode) codec.mapper().valueToTree(letter));
      return line.toString();
    }
  }
}
