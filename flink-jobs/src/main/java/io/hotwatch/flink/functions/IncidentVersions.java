package io.hotwatch.flink.functions;

import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Turns scored incidents, keyed by incident id, into {@link IncidentDelta}s: the first version of an id joins the
 * count; a re-report first retracts the version counted before, then adds itself; a byte-identical repeat (a replayed
 * record) changes nothing and is only counted.
 *
 * <p>A custom operator rather than a process function because each delta carries its own version's occurrence time as
 * its timestamp: the retraction must land in the windows the old version was counted in, not the new one's.
 *
 * <p>An id is remembered for {@code horizon} of event time after its latest version (or after the watermark, when that
 * version was already behind it); then its state and its one timer are dropped. A re-report after that is counted as
 * new.
 */
public final class IncidentVersions extends AbstractStreamOperator<IncidentDelta>
    implements OneInputStreamOperator<ScoredIncident, IncidentDelta>, Triggerable<String, VoidNamespace> {

  private static final long serialVersionUID = 1L;

  /** Metric: records that repeated the counted version exactly and were dropped. */
  public static final String REPEATED_METRIC = "repeatedIncidents";

  /** Metric: re-reports that replaced a counted version. */
  public static final String REVISED_METRIC = "revisedIncidents";

  private final long horizonMillis;

  private transient ValueState<ScoredIncident> counted;
  private transient ValueState<Long> forgetAt;
  private transient InternalTimerService<VoidNamespace> timers;
  private transient Counter repeated;
  private transient Counter revised;

  public IncidentVersions(Duration horizon) {
    if (horizon == null || horizon.isNegative() || horizon.isZero()) {
      throw new IllegalArgumentException("horizon " + horizon + " must be positive");
    }
    this.horizonMillis = horizon.toMillis();
  }

  @Override
  public void open() throws Exception {
    super.open();
    counted = getPartitionedState(new ValueStateDescriptor<>("counted-version", ScoredIncident.class));
    forgetAt = getPartitionedState(new ValueStateDescriptor<>("forget-at", Long.class));
    timers = getInternalTimerService("forget-incident-versions", VoidNamespaceSerializer.INSTANCE, this);
    repeated = getMetricGroup().counter(REPEATED_METRIC);
    revised = getMetricGroup().counter(REVISED_METRIC);
  }

  @Override
  public void processElement(StreamRecord<ScoredIncident> record) throws Exception {
    ScoredIncident next = record.getValue();
    ScoredIncident previous = counted.value();
    if (previous != null && previous.incident().equals(next.incident())) {
      repeated.inc();
      return;
    }
    if (previous != null) {
      revised.inc();
      output.collect(new StreamRecord<>(IncidentDelta.retract(previous), eventTime(previous)));
    }
    output.collect(new StreamRecord<>(IncidentDelta.add(next), eventTime(next)));
    counted.update(next);

    long at = Math.max(eventTime(next), timers.currentWatermark()) + horizonMillis;
    Long scheduled = forgetAt.value();
    if (scheduled == null || scheduled < at) {
      if (scheduled != null) {
        timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, scheduled);
      }
      timers.registerEventTimeTimer(VoidNamespace.INSTANCE, at);
      forgetAt.update(at);
    }
  }

  @Override
  public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
    counted.clear();
    forgetAt.clear();
  }

  @Override
  public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
    // only event-time timers are registered
  }

  private static long eventTime(ScoredIncident scored) {
    return scored.incident().occurredAt().toEpochMilli();
  }
}
