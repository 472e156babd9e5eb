package io.hotwatch.flink.functions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** The job's output events as JSON lines: one object per line, its {@code kind} saying what it is. */
public final class JsonLines {

  /** The kind of a dead-letter line (hotspot alerts and trends carry their own kind, first). */
  public static final String DEAD_LETTER_KIND = "dead-letter";

  /** How every dead-letter line starts: its kind comes first. */
  public static final String DEAD_LETTER_PREFIX = "{\"kind\":\"" + DEAD_LETTER_KIND + "\"";

  private JsonLines() {}

  /** How every trend line starts. */
  public static final String TREND_PREFIX = "{\"kind\":\"" + TrendEvent.KIND + "\"";

  /** An event that has its own {@code kind} field (a hotspot alert, a trend) as its topic holds it. */
  public static final class Events<T> extends RichMapFunction<T, String> {
    private static final long serialVersionUID = 1L;
    private transient EventCodec codec;

    @Override
    public void open(OpenContext openContext) {
      codec = new EventCodec();
    }

    @Override
    public String map(T event) {
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
