package io.hotwatch.core.hotspot;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Benchmark of the engine alone on real incidents: reads incident files, places each incident in its H3 cell, orders
 * them by event time and then, timed in thread CPU time, feeds them to one {@link HotspotEngine} stepping every 5
 * minutes as the streaming operator does. Reading and celling are outside the measurement. The incidents carry no
 * model probabilities (the forecast of an alert is empty); everything else is the engine's real work.
 *
 * <p>Run from {@code core/} after {@code test-compile}, with the classpath as for {@link HotspotEngineBenchmark}:
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(cat target/test.cp) io.hotwatch.core.hotspot.HotspotEngineReplay \
 *     ../deploy/demo/model FILE...
 * </pre>
 */
public final class HotspotEngineReplay {

  private static final boolean PROFILE = Boolean.getBoolean("replay.profile");
  /** When set, every alert is written there, one line each, to compare two versions of the engine. */
  private static final String ALERTS = System.getProperty("replay.alerts");

  private HotspotEngineReplay() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: HotspotEngineReplay MODEL_DIR FILE...");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    BaselineRates baseline = BaselineRates.load(model.resolve("baseline.json"));
    Calibration calibration = Calibration.load(model.resolve(Calibration.FILE));
    EngineSettings settings = EngineSettings.defaults();
    CellIndex cells = new CellIndex(baseline.resolution());
    List<HeldIncident> incidents = new ArrayList<>();
    for (int f = 1; f < args.length; f++) {
      try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(Path.of(args[f]))) {
        rows.filter(ParsedRow::isOk)
            .map(ParsedRow::value)
            .forEach(
                i -> incidents.add(
                    new HeldIncident(i.id(), cells.cellOf(i.latitude(), i.longitude()), i.occurredAt().toEpochMilli(),
                        i.latitude(), i.longitude(), i.category(), new float[0])));
      }
    }
    incidents.sort(Comparator.comparingLong(HeldIncident::occurredAt));
    System.out.printf("read %,d incidents%n", incidents.size());

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    HotspotEngine engine = new HotspotEngine("chicago", baseline, calibration, settings);
    long step = settings.step().toMillis();
    long last = incidents.get(incidents.size() - 1).occurredAt();
    Map<String, Integer> byType = new TreeMap<>();
    Map<String, long[]> phase = new TreeMap<>();
    long steps = 0;
    java.io.PrintWriter out = ALERTS == null ? null : new java.io.PrintWriter(
        java.nio.file.Files.newBufferedWriter(Path.of(ALERTS)));
    long cpuBefore = threads.getCurrentThreadCpuTime();
    long wallBefore = System.nanoTime();
    int next = 0;
    for (long t = engine.stepAfter(incidents.get(0).occurredAt()); t <= engine.stepAfter(last); t += step) {
      while (next < incidents.size() && incidents.get(next).occurredAt() < t) {
        engine.add(incidents.get(next++), t - step);
      }
      long c0 = PROFILE ? threads.getCurrentThreadCpuTime() : 0;
      List<HotspotAlert> alerts = engine.step(t);
      if (PROFILE) {
        long c = threads.getCurrentThreadCpuTime() - c0;
        String kind = (alerts.isEmpty() ? "quiet" : "alerts") + "/" + (settings.scansAt(3, t) ? "7d" : settings.scansAt(2, t) ? "24h" : settings.scansAt(1, t) ? "6h" : "1h") + "/open" + Math.min(engine.openHotspots().size(), 5);
        phase.computeIfAbsent(kind, k -> new long[2])[0] += c;
        phase.get(kind)[1]++;
      }
      for (HotspotAlert alert : alerts) {
        byType.merge(alert.type(), 1, Integer::sum);
        if (out != null) {
          out.println(alert); // every field, to the last digit
        }
      }
      steps++;
    }
    double cpu = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1e9;
    if (out != null) {
      out.close();
    }
    double wall = (System.nanoTime() - wallBefore) / 1e9;
    System.out.printf(
        "%,d incidents, %,d steps, events %s%n%.2f s CPU (%.2f s wall): %,.0f incidents per CPU-second, %.1f µs per"
            + " step%n",
        incidents.size(), steps, byType, cpu, wall, incidents.size() / cpu, cpu * 1e6 / steps);
    phase.forEach((k, v) -> System.out.printf("%-24s %,8d steps %8.1f µs each, %6.2f s%n", k, v[1], v[0] / 1e3 / v[1],
        v[0] / 1e9));
  }
}
