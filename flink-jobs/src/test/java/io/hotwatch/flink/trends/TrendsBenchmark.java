package io.hotwatch.flink.trends;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The trend operators on one thread over the three years of Chicago incidents: deltas per second, the share of time
 * spent emitting trends, and how many trend events the years make. Run by hand; the figures are in docs/TRENDS.md.
 *
 * <p>Usage: {@code TrendsBenchmark [data dir]} (default {@code ../shared/data}).
 */
public final class TrendsBenchmark {

  private static final int WATERMARK_EVERY = 1000;

  private TrendsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data").resolve("chicago-crimes-2015-2017");
    List<Incident> incidents = new ArrayList<>();
    for (int year = 2015; year <= 2017; year++) {
      try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(dir.resolve("chicago_crimes_" + year + ".csv.gz"))) {
        rows.filter(ParsedRow::isOk).map(ParsedRow::value).forEach(incidents::add);
      }
    }
    incidents.sort(Comparator.comparing(Incident::occurredAt));
    // the trend path never reads the model's scores
    List<IncidentDelta> deltas =
        incidents.stream().map(i -> IncidentDelta.add(new ScoredIncident("", i, new float[0], 0))).toList();
    System.out.printf("%d incidents from %s to %s%n",
        deltas.size(), incidents.get(0).occurredAt(), incidents.get(incidents.size() - 1).occurredAt());
    for (int round = 1; round <= 3; round++) {
      run(round, deltas);
    }
  }

  private static void run(int round, List<IncidentDelta> deltas) throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TrendUpdate, TrendEvent> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new TrendTracker(TrendSettings.defaults())), TrendUpdate::key, Types.STRING);
    harness.open();
    TrendFanOut fanOut = new TrendFanOut();
    List<TrendUpdate> updates = new ArrayList<>();
    ListCollector<TrendUpdate> collector = new ListCollector<>(updates);
    // CPU time of this thread, not wall time: the machine the figures were taken on is shared
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long elementNanos = 0;
    long timerNanos = 0;
    long updateCount = 0;
    long events = 0;
    long jsonBytes = 0;
    Map<String, List<Double>> maseByKind = new TreeMap<>();
    Map<String, Integer> directions = new TreeMap<>();
    EventCodec codec = new EventCodec();
    for (int i = 0; i < deltas.size(); i++) {
      IncidentDelta delta = deltas.get(i);
      long t = delta.incident().incident().occurredAt().toEpochMilli();
      long start = cpu.getCurrentThreadCpuTime();
      fanOut.flatMap(delta, collector);
      for (TrendUpdate update : updates) {
        harness.processElement(update, t);
      }
      elementNanos += cpu.getCurrentThreadCpuTime() - start;
      updateCount += updates.size();
      updates.clear();
      if (i % WATERMARK_EVERY == WATERMARK_EVERY - 1 || i == deltas.size() - 1) {
        start = cpu.getCurrentThreadCpuTime();
        harness.processWatermark(i == deltas.size() - 1 ? Long.MAX_VALUE : t - 1);
        timerNanos += cpu.getCurrentThreadCpuTime() - start;
        for (Object out : harness.getOutput()) {
          if (out instanceof StreamRecord<?> record && record.getValue() instanceof TrendEvent trend) {
            events++;
            if (events % 100 == 0) {
              jsonBytes += codec.encode(trend).length();
            }
            if (trend.coveredDays() == trend.dailyCounts().length) {
              String kind = trend.district().equals(TrendEvent.CITY) ? "city" : trend.category().equals(TrendEvent.ALL)
                  ? "district" : "district and category";
              if (trend.forecastMase() != null) {
                maseByKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(trend.forecastMase());
              }
              directions.merge(kind + " " + trend.direction(), 1, Integer::sum);
            }
          }
        }
        harness.getOutput().clear();
      }
    }
    harness.close();
    double seconds = (elementNanos + timerNanos) / 1e9;
    System.out.printf(
        "round %d: %d deltas, %d keyed updates, %d trend events; %.2f s CPU (updates %.2f s, trends %.2f s): "
            + "%.0f deltas per CPU second, %.1f us CPU per trend, ~%d bytes of JSON per trend%n",
        round, deltas.size(), updateCount, events, seconds, elementNanos / 1e9, timerNanos / 1e9,
        deltas.size() / seconds, timerNanos / 1e3 / events, jsonBytes / Math.max(1, events / 100));
    if (round == 1) {
      maseByKind.forEach(
          (kind, mase) -> System.out.printf(
              "  MASE of the next-hour forecast, %s trends over 28 covered days: median %.3f (%d trends)%n",
              kind, new Median().evaluate(mase.stream().mapToDouble(Double::doubleValue).toArray()), mase.size()));
      System.out.println("  directions: " + directions);
    }
  }
}
