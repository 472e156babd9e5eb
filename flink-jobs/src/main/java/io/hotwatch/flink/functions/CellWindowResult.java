package io.hotwatch.flink.functions;

import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.CellWindowCount;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns a cell's window totals into a {@link CellWindowCount} with the window's bounds and per-category means. A
 * window whose incidents were all retracted is reported with count 0 (and zero means), so that what was said about it
 * before can be taken back.
 */
public final class CellWindowResult
    extends ProcessWindowFunction<CellWindowAccumulator, CellWindowCount, String, TimeWindow> {

  private static final long serialVersionUID = 1L;

  private static final CrimeCategory[] CATEGORIES = CrimeCategory.values();

  @Override
  public void process(
      String cellId, Context context, Iterable<CellWindowAccumulator> totals, Collector<CellWindowCount> out) {
    CellWindowAccumulator acc = totals.iterator().next();
    Map<String, Long> categories = new LinkedHashMap<>();
    Map<String, Double> meanForecast = new LinkedHashMap<>();
    for (CrimeCategory category : CATEGORIES) {
      int c = category.ordinal();
      if (acc.categoryCounts[c] > 0) {
        categories.put(category.name(), acc.categoryCounts[c]);
      }
      meanForecast.put(category.name(), acc.count > 0 ? acc.probabilitySums[c] / acc.count : 0);
    }
    TimeWindow window = context.window();
    out.collect(
        new CellWindowCount(
            cellId,
            Instant.ofEpochMilli(window.getStart()),
            Instant.ofEpochMilli(window.getEnd()),
            acc.count,
            categories,
            List.copyOf(acc.incidentIds),
            meanForecast,
            acc.count > 0 ? acc.surpriseSum / acc.count : 0));
  }
}
