package io.hotwatch.flink.functions;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns the incidents the hotspot engine could not count into dead letters that say why: too late (further behind
 * the last evaluation step than the allowed lateness) or placed in a cell of another H3 resolution. Counted, so that
 * lateness is visible instead of silently changing nothing.
 */
public final class UncountedIncidents extends ProcessFunction<ScoredIncident, DeadLetter> {

  private static final long serialVersionUID = 1L;

  /** Metric: incidents that reached the engine but could not be counted. */
  public static final String METRIC = "uncountedIncidents";

  private final String topic;
  private final int resolution;
  private final Duration allowedLateness;
  private final Clock clock;
  private transient EventCodec codec;
  private transient Counter uncounted;

  /** {@code topic} names the input the incidents were read from; the rest is what the engine was set up with. */
  public UncountedIncidents(String topic, int resolution, Duration allowedLateness, Clock clock) {
    this.topic = topic;
    this.resolution = resolution;
    this.allowedLateness = allowedLateness;
    this.clock = clock;
  }

  @Override
  public void open(OpenContext openContext) {
    codec = new EventCodec(clock);
    uncounted = getRuntimeContext().getMetricGroup().counter(METRIC);
  }

  @Override
  public void processElement(ScoredIncident scored, Context ctx, Collector<DeadLetter> out) {
    uncounted.inc();
    int cellResolution = CellIndex.resolutionOf(scored.cellId());
    String reason =
        cellResolution != resolution
            ? "cellId " + scored.cellId() + " has H3 resolution " + cellResolution + ", the engine counts resolution "
                + resolution
            : "late: occurredAt " + scored.incident().occurredAt() + " arrived more than the allowed lateness ("
                + allowedLateness + ") behind the engine's last evaluation step";
    out.collect(new DeadLetter(topic, reason, codec.encode(scored.incident()), clock.instant()));
  }
}
