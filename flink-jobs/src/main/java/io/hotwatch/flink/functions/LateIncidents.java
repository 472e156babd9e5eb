package io.hotwatch.flink.functions;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.flink.event.IncidentDelta;
import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Turns incident deltas that arrived after every window they belong to had closed (allowed lateness included) into
 * dead letters with reason "late", counting them, so that lateness is visible instead of silently changing counts.
 * A late retraction is a dead letter too: the count it should have lowered stays as it was.
 */
public final class LateIncidents extends ProcessFunction<IncidentDelta, DeadLetter> {

  private static final long serialVersionUID = 1L;

  /** Metric: incidents that came too late for every window they belong to. */
  public static final String LATE_METRIC = "lateIncidents";

  /** Side output of the window operator for incidents too late for all their windows. */
  public static final OutputTag<IncidentDelta> TAG = new OutputTag<IncidentDelta>("late-incidents") {};

  private final String topic;
  private final Clock clock;
  private transient EventCodec codec;
  private transient Counter late;

  /** {@code topic} names the input the incidents were read from. */
  public LateIncidents(String topic, Clock clock) {
    this.topic = topic;
    this.clock = clock;
  }

  @Override
  public void open(OpenContext openContext) {
    codec = new EventCodec(clock);
    late = getRuntimeContext().getMetricGroup().counter(LATE_METRIC);
  }

  @Override
  public void processElement(IncidentDelta delta, Context ctx, Collector<DeadLetter> out) {
    late.inc();
    String what = delta.retraction() ? " (the retraction of a re-reported version)" : "";
    String reason =
        "late: occurredAt " + delta.incident().incident().occurredAt() + what
            + " arrived after every window containing it had closed";
    out.collect(new DeadLetter(topic, reason, codec.encode(delta.incident().incident()), clock.instant()));
  }
}
