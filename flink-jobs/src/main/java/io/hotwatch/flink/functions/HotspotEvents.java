package io.hotwatch.flink.functions;

import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.flink.event.CellWindowCount;
import io.hotwatch.flink.event.HotspotRun;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds the published {@link HotspotEvent}s, with the sentence a dispatcher reads. */
final class HotspotEvents {

  /** How many categories of the model's forecast an event carries. */
  static final int FORECAST_CATEGORIES = 3;

  private HotspotEvents() {}

  static HotspotEvent active(
      String hotspotId, CellWindowCount window, double expected, double pValue, Duration length, int resolution) {
    String explanation =
        incidents(window.observed())
            + " in the last "
            + minutes(length)
            + " where "
            + count(expected)
            + " expected (p = "
            + probability(pValue)
            + "): "
            + byCount(window.categories());
    return event(HotspotEvent.ACTIVE, hotspotId, window, expected, pValue, resolution, explanation);
  }

  /**
   * The event ending a run. It reports the window ending when the run cleared: the cell's latest window if that is the
   * one, otherwise that window had no incidents at all.
   */
  static HotspotEvent cleared(HotspotRun run, Duration length, BaselineRates baseline) {
    Instant end = run.clearAt();
    CellWindowCount last = run.latest();
    CellWindowCount window = last;
    double expected = run.latestExpected();
    double pValue = run.latestPValue();
    if (!last.windowEnd().equals(end)) {
      Instant start = end.minus(length);
      window = new CellWindowCount(last.cellId(), start, end, 0, Map.of(), List.of(), Map.of(), 0);
      expected = baseline.expected(last.cellId(), start, end);
      pValue = 1.0;
    }
    String explanation =
        "No significant excess for "
            + minutes(length)
            + ": "
            + incidents(window.observed())
            + " in the last "
            + minutes(length)
            + " where "
            + count(expected)
            + " expected";
    return event(HotspotEvent.CLEARED, run.hotspotId(), window, expected, pValue, baseline.resolution(), explanation);
  }

  private static HotspotEvent event(
      String status,
      String hotspotId,
      CellWindowCount window,
      double expected,
      double pValue,
      int resolution,
      String explanation) {
    return new HotspotEvent(
        HotspotEvent.KIND,
        status,
        hotspotId,
        window.cellId(),
        resolution,
        window.windowStart(),
        window.windowEnd(),
        window.observed(),
        expected,
        pValue,
        CellIndex.centroid(window.cellId()),
        CellIndex.boundary(window.cellId()),
        window.categories(),
        window.incidentIds(),
        topForecast(window.meanForecast()),
        window.meanSurprise(),
        explanation);
  }

  static Map<String, Double> topForecast(Map<String, Double> meanForecast) {
    return meanForecast.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(FORECAST_CATEGORIES)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  private static String byCount(Map<String, Long> categories) {
    return categories.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .map(e -> e.getValue() + " " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  private static String incidents(long n) {
    return n + (n == 1 ? " incident" : " incidents");
  }

  private static String minutes(Duration length) {
    return length.toMinutes() + " min";
  }

  /** "0.40 were", "1.0 was": two significant digits, the verb agreeing. */
  private static String count(double expected) {
    String text = String.format(Locale.ROOT, "%.2g", expected);
    return text + (text.equals("1.0") ? " was" : " were");
  }

  /** "0.33", or "3.1e-6" for small tails. */
  static String probability(double p) {
    if (p >= 0.01) {
      return String.format(Locale.ROOT, "%.2f", p);
    }
    return String.format(Locale.ROOT, "%.1e", p).replace("e-0", "e-");
  }
}
