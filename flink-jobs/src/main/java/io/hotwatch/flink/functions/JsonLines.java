package io.hotwatch.flink.functions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * The job's output events as JSON lines: one object per line, its {@code kind} saying what it is. Each function counts
 * the lines it made in an accumulator, so that a run can report them without reading its output back.
 */
public final class JsonLines {

  /** The kind of a dead-letter line (hotspot alerts and trends carry their own kind, first). */
  public static final String DEAD_LETTER_KIND = "dead-letter";

  /** How every dead-letter line starts: its kind comes first. */
  public static final String DEAD_LETTER_PREFIX = "{\"kind\":\"" + DEAD_LETTER_KIND + "\"";

  /** How every trend line starts. */
  public static final String TREND_PREFIX = "{\"kind\":\"" + TrendEvent.KIND + "\"";

  private JsonLines() {}

  /** The project's mapper with the cached writing of rounded {@code double[]}: the same text, made faster. */
  static ObjectMapper mapper() {
    ObjectMapper mapper = EventCodec.newObjectMapper();
    mapper.registerModule(ThreeDecimalDoubles.module(new ThreeDecimalDoubles()));
    return mapper;
  }

  /**
   * An event that has its own {@code kind} field (a hotspot alert, a trend) as its topic holds it, as UTF-8: a byte
   * array crosses to the file's writer task in one copy, where a string is serialised one character at a time.
   */
  public static final class Events<T> extends RichMapFunction<T, byte[]> {
    private static final long serialVersionUID = 1L;
    private final String linesAccumulator;
    private transient ObjectWriter writer;
    private transient LongCounter lines;

    /** Counts its lines in the accumulator named {@code linesAccumulator}. */
    public Events(String linesAccumulator) {
      this.linesAccumulator = linesAccumulator;
    }

    @Override
    public void open(OpenContext openContext) {
      writer = mapper().writer();
      lines = new LongCounter();
      getRuntimeContext().addAccumulator(linesAccumulator, lines);
    }

    @Override
    public byte[] map(T event) {
      lines.add(1);
      try {
        return writer.writeValueAsBytes(event);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A dead letter as the topic holds it, with {@code "kind": "dead-letter"} put first, as UTF-8. */
  public static final class DeadLetters extends RichMapFunction<DeadLetter, byte[]> {
    private static final long serialVersionUID = 1L;
    private final String linesAccumulator;
    private transient ObjectMapper mapper;
    private transient LongCounter lines;

    /** Counts its lines in the accumulator named {@code linesAccumulator}. */
    public DeadLetters(String linesAccumulator) {
      this.linesAccumulator = linesAccumulator;
    }

    @Override
    public void open(OpenContext openContext) {
      mapper = EventCodec.newObjectMapper();
      lines = new LongCounter();
      getRuntimeContext().addAccumulator(linesAccumulator, lines);
    }

    @Override
    public byte[] map(DeadLetter letter) {
      lines.add(1);
      ObjectNode line = mapper.createObjectNode().put("kind", DEAD_LETTER_KIND);
      line.setAll((ObjectNode) mapper.valueToTree(letter));
      return line.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
