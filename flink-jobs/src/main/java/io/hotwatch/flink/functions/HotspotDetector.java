package io.hotwatch.flink.functions;

import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.flink.event.CellWindowCount;
import io.hotwatch.flink.event.HotspotRun;
import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decides, per H3 cell, which sliding windows are hotspots and tracks each run of them.
 *
 * <p>A window is significant when {@link HotspotRule} says so against the baseline's expected count. Every significant
 * window emits an {@code active} event; the first one of a run fixes the run's {@code hotspotId}. When no significant
 * window follows for a whole window length, one {@code cleared} event ends the run and the cell's state is dropped, so
 * state is kept only for cells that are hotspots now.
 */
public final class HotspotDetector extends KeyedProcessFunction<String, CellWindowCount, HotspotEvent> {

  private static final long serialVersionUID = 1L;

  private final BaselineRates baseline;
  private final HotspotRule rule;
  private final Duration windowLength;
  private transient ValueState<HotspotRun> run;

  public HotspotDetector(BaselineRates baseline, HotspotRule rule, Duration windowLength) {
    this.baseline = baseline;
    this.rule = rule;
    this.windowLength = windowLength;
  }

  @Override
  public void open(OpenContext openContext) {
    run = getRuntimeContext().getState(new ValueStateDescriptor<>("hotspot-run", HotspotRun.class));
  }

  @Override
  public void processElement(CellWindowCount window, Context ctx, Collector<HotspotEvent> out) throws Exception {
    HotspotRun current = run.value();
    if (current != null && window.windowEnd().isAfter(current.clearAt())) {
      // event time jumped past the run's end in one step and this later window came before the timer fired
      ctx.timerService().deleteEventTimeTimer(current.clearAt().toEpochMilli());
      out.collect(HotspotEvents.cleared(current, windowLength, baseline));
      run.clear();
      current = null;
    }
    double expected = baseline.expected(window.cellId(), window.windowStart(), window.windowEnd());
    double pValue = HotspotRule.pValue(window.observed(), expected);
    if (rule.isSignificant(window.observed(), pValue)) {
      String hotspotId =
          current == null ? window.cellId() + "@" + window.windowEnd() : current.hotspotId();
      if (current != null) {
        ctx.timerService().deleteEventTimeTimer(current.clearAt().toEpochMilli());
      }
      Instant clearAt = window.windowEnd().plus(windowLength);
      ctx.timerService().registerEventTimeTimer(clearAt.toEpochMilli());
      run.update(new HotspotRun(hotspotId, clearAt, window, expected, pValue));
      out.collect(HotspotEvents.active(hotspotId, window, expected, pValue, windowLength, baseline.resolution()));
    } else if (current != null) {
      run.update(current.withLatest(window, expected, pValue));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<HotspotEvent> out) throws Exception {
    HotspotRun current = run.value();
    if (current != null && current.clearAt().toEpochMilli() == timestamp) {
      out.collect(HotspotEvents.cleared(current, windowLength, baseline));
      run.clear();
    }
  }
}
