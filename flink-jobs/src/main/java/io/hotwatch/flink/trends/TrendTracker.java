package io.hotwatch.flink.trends;

import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.trend.LocalHours;
import io.hotwatch.core.trend.TrendCalculator;
import io.hotwatch.core.trend.TrendWindow;
import java.util.Iterator;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the hourly counts of one trend key over its horizon and emits its {@link TrendEvent} at every local midnight
 * of event time.
 *
 * <p>Counts live in blocks of 168 hours (a map entry per week of epoch hours), so an update touches one small entry
 * whatever the state backend, and a trend reads five or six entries once a day. An update for an hour the next trend
 * no longer covers (behind the watermark by more than the horizon) cannot change any trend still to come: it is
 * counted in {@value #BEYOND_HORIZON_METRIC} and dropped. Later updates, even behind the watermark, change their
 * hour's count and show in every trend emitted after them.
 *
 * <p>A key whose horizon holds no incident any more emits one last trend (all zeros) and then forgets everything,
 * timer included; an incident after that starts it afresh. Only hours before the midnight decide that: updates for
 * later hours that are already here (another input channel ran ahead) start the key afresh at that midnight, as if
 * they had come after it, so the output does not depend on how the channels interleave.
 */
public final class TrendTracker extends KeyedProcessFunction<String, TrendUpdate, TrendEvent> {

  private static final long serialVersionUID = 1L;

  /** Metric: updates for hours before every trend still to be emitted. */
  public static final String BEYOND_HORIZON_METRIC = "trendUpdatesBeyondHorizon";

  /** Hours per map entry: a week keeps an update's entry small and a trend's read to about five entries. */
  private static final int BLOCK_HOURS = 168;
  /** The shortest local day: an instant this close to a midnight lies in the day that ends there. */
  private static final int SHORTEST_DAY_HOURS = 23;

  private final TrendCalculator calculator;
  private final int horizonDays;
  private transient LocalHours clock;
  private transient MapState<Long, int[]> blocks;
  private transient ValueState<TrendKeyState> keyState;
  private transient Counter beyondHorizon;
  private transient long horizonWatermark;
  private transient long horizonStart;
  /** Every key's trend at the same midnight has the same window: it is worked out once. */
  private transient TrendWindow window;

  public TrendTracker(TrendSettings settings) {
    this.calculator = settings.calculator();
    this.horizonDays = settings.horizonDays();
  }

  @Override
  public void open(OpenContext openContext) {
    clock = LocalHours.CHICAGO;
    blocks =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "trend-hours", Types.LONG, PrimitiveArrayTypeInfo.INT_PRIMITIVE_ARRAY_TYPE_INFO));
    keyState = getRuntimeContext().getState(new ValueStateDescriptor<>("trend-key", TrendKeyState.class));
    beyondHorizon = getRuntimeContext().getMetricGroup().counter(BEYOND_HORIZON_METRIC);
    horizonWatermark = Long.MIN_VALUE;
    horizonStart = Long.MIN_VALUE;
  }

  @Override
  public void processElement(TrendUpdate update, Context ctx, Collector<TrendEvent> out) throws Exception {
    long hour = LocalHours.epochHour(update.occurredAt());
    long watermark = ctx.timerService().currentWatermark();
    if (hour < horizonStart(watermark)) {
      beyondHorizon.inc();
      return;
    }
    TrendKeyState key = keyState.value();
    long latest = Math.max(update.occurredAt(), watermark);
    if (key == null) {
      long next = clock.nextDayStart(latest);
      ctx.timerService().registerEventTimeTimer(next * LocalHours.MILLIS_PER_HOUR);
      keyState.update(new TrendKeyState(clock.dayStart(hour), next));
    } else if (hour < key.coveredFrom() || LocalHours.epochHour(latest) < key.nextEmit() - SHORTEST_DAY_HOURS) {
      // rare: an update earlier than any before it; the cheap test above spares the zone lookups otherwise
      long next = Math.min(key.nextEmit(), clock.nextDayStart(latest));
      if (next != key.nextEmit()) {
        ctx.timerService().deleteEventTimeTimer(key.nextEmit() * LocalHours.MILLIS_PER_HOUR);
        ctx.timerService().registerEventTimeTimer(next * LocalHours.MILLIS_PER_HOUR);
      }
      keyState.update(new TrendKeyState(Math.min(key.coveredFrom(), clock.dayStart(hour)), next));
    }
    Long week = Math.floorDiv(hour, BLOCK_HOURS);
    int[] block = blocks.get(week);
    if (block == null) {
      block = new int[BLOCK_HOURS];
    }
    block[(int) Math.floorMod(hour, BLOCK_HOURS)] += update.sign();
    blocks.put(week, block);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<TrendEvent> out) throws Exception {
    TrendKeyState key = keyState.value();
    long end = LocalHours.epochHour(timestamp);
    if (key == null || key.nextEmit() != end) {
      return;
    }
    if (window == null || window.end() != end) {
      window = calculator.window(end);
    }
    long start = window.start();
    long nextStart = window.nextStart();
    int[] counts = new int[(int) (end - start)];
    long firstLater = Long.MAX_VALUE;
    Iterator<Map.Entry<Long, int[]>> entries = blocks.iterator();
    while (entries.hasNext()) {
      Map.Entry<Long, int[]> entry = entries.next();
      long first = entry.getKey() * BLOCK_HOURS;
      int[] block = entry.getValue();
      int from = (int) Math.max(0, start - first);
      int to = (int) Math.max(from, Math.min(BLOCK_HOURS, end - first));
      if (from < to) {
        System.arraycopy(block, from, counts, (int) (first + from - start), to - from);
      }
      for (int i = to; i < BLOCK_HOURS && first + i < firstLater; i++) {
        if (block[i] != 0) {
          firstLater = first + i;
        }
      }
      if (first + BLOCK_HOURS <= nextStart) {
        entries.remove();
      }
    }
    String current = ctx.getCurrentKey();
    // categories never hold the separator; a district name might
    int separator = current.lastIndexOf(TrendFanOut.SEPARATOR);
    String district = current.substring(0, separator);
    String category = current.substring(separator + 1);
    out.collect(calculator.calculate(district, category, window, counts, key.coveredFrom()));
    boolean anyLeft = false;
    for (int count : counts) {
      anyLeft |= count != 0;
    }
    if (anyLeft) {
      long next = clock.plusDays(end, 1);
      ctx.timerService().registerEventTimeTimer(next * LocalHours.MILLIS_PER_HOUR);
      keyState.update(new TrendKeyState(key.coveredFrom(), next));
      return;
    }
    // Only hours before this midnight decide whether the key went quiet: which later updates are already here
    // depends on how the input channels interleave, so they start the key afresh exactly as they would if they
    // arrived after it was dropped.
    if (firstLater == Long.MAX_VALUE) {
      blocks.clear();
      keyState.clear();
      return;
    }
    forgetBefore(end);
    long next = clock.nextDayStart(firstLater * LocalHours.MILLIS_PER_HOUR);
    ctx.timerService().registerEventTimeTimer(next * LocalHours.MILLIS_PER_HOUR);
    keyState.update(new TrendKeyState(clock.dayStart(firstLater), next));
  }

  /** Drops the blocks wholly before {@code hour}: the key starts afresh there (earlier hours are never read again). */
  private void forgetBefore(long hour) throws Exception {
    Iterator<Long> weeks = blocks.keys().iterator();
    while (weeks.hasNext()) {
      if ((weeks.next() + 1) * BLOCK_HOURS <= hour) {
        weeks.remove();
      }
    }
  }

  /** The first hour of the next trend due after {@code watermark}: earlier hours are in no trend still to come. */
  private long horizonStart(long watermark) {
    if (watermark != horizonWatermark) {
      horizonWatermark = watermark;
      horizonStart =
          watermark == Long.MIN_VALUE ? Long.MIN_VALUE : clock.plusDays(clock.nextDayStart(watermark), -horizonDays);
    }
    return horizonStart;
  }
}
