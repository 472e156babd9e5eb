package io.hotwatch.flink.trends;

import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.flink.event.IncidentDelta;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** Rolling trends per district and category, per district and city-wide, from the stream of incident deltas. */
public final class RollingTrends {

  private RollingTrends() {}

  /**
   * Adds the trend operators after {@code deltas}, whose watermarks must be on the incidents' event time, and returns
   * one {@link TrendEvent} per key and local day.
   */
  public static SingleOutputStreamOperator<TrendEvent> attach(
      DataStream<IncidentDelta> deltas, TrendSettings settings) {
    return deltas
        .flatMap(new TrendFanOut())
        .name("trend keys of each incident")
        .uid("trend-fan-out")
        .keyBy(TrendUpdate::key)
        .process(new TrendTracker(settings))
        .name("rolling trends per district and category")
        .uid("trend-tracker");
  }
}
