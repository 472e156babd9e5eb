package io.hotwatch.training;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.hotspot.EngineSettings;
import io.hotwatch.core.hotspot.HeldIncident;
import io.hotwatch.core.hotspot.HotspotEngine;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Measures the engine the way a dispatch centre would judge it: false alarms per day on counts simulated from the
 * baseline alone, and how often and how fast it finds small clusters injected into real incidents. Seeded.
 */
final class HotspotFigures {

  static final Duration WARM_UP = Duration.ofDays(7);
  static final int INJECTED_PER_CLUSTER = 6;
  static final double INJECTED_RADIUS_METRES = 250;
  static final Duration INJECTED_SPAN = Duration.ofHours(2);
  static final Duration INJECTION_EVERY = Duration.ofHours(12);
  static final Duration DETECTION_DEADLINE = Duration.ofHours(6);
  /** A cluster counts as found when an alert lists at least this many of its incidents. */
  static final int FOUND_WITH = 3;

  /** The measured figures. */
  record Figures(
      double openRecurrenceDays,
      double closeRecurrenceDays,
      int simulatedDays,
      long simulatedIncidents,
      double simulatedOpenedPerDay,
      double simulatedEventsPerDay,
      int realDays,
      long realIncidents,
      double realOpenedPerDay,
      double realEventsPerDay,
      int injectedClusters,
      int detectedClusters,
      double detectionRate,
      double medianDelayMinutesFromLast,
      double medianDelayMinutesFromFirst,
      double engineIncidentsPerSecond) {}

  private record Run(List<HotspotAlert> alerts, double seconds) {}

  private final BaselineRates baseline;
  private final List<String> cells;
  private final Calibration calibration;
  private final EngineSettings settings;
  private final long seed;
  private final CellIndex cellIndex;

  HotspotFigures(BaselineRates baseline, List<String> cells, Calibration calibration, EngineSettings settings, long seed) {
    this.baseline = baseline;
    this.cells = cells;
    this.calibration = calibration;
    this.settings = settings;
    this.seed = seed;
    this.cellIndex = new CellIndex(baseline.resolution());
  }

  Figures measure(Path realFile, Instant realFrom, int days) throws IOException {
    Instant simulatedFrom = Instant.parse("2017-03-01T06:00:00Z");
    List<HeldIncident> simulated = simulate(simulatedFrom, days);
    Instant simulatedCountFrom = simulatedFrom.plus(WARM_UP);
    Run nullRun = run(simulated, simulatedFrom, days);
    int measuredDays = days - (int) WARM_UP.toDays();
    List<HeldIncident> real = read(realFile, realFrom, days);
    Run realRun = run(real, realFrom, days);
    Instant countFrom = realFrom.plus(WARM_UP);

    List<List<HeldIncident>> injections = inject(real, countFrom, realFrom.plus(Duration.ofDays(days)));
    List<HeldIncident> mixed = new ArrayList<>(real);
    injections.forEach(mixed::addAll);
    Run injectedRun = run(mixed, realFrom, days);
    List<Double> fromLast = new ArrayList<>();
    List<Double> fromFirst = new ArrayList<>();
    for (List<HeldIncident> cluster : injections) {
      Set<String> ids = new HashSet<>(cluster.stream().map(HeldIncident::id).toList());
      long first = cluster.get(0).occurredAt();
      long last = cluster.get(cluster.size() - 1).occurredAt();
      injectedRun.alerts().stream()
          .filter(a -> !a.type().equals(HotspotAlert.CLOSED))
          .filter(a -> a.evaluatedAt().toEpochMilli() <= first + DETECTION_DEADLINE.toMillis())
          .filter(a -> a.incidentIds().stream().filter(ids::contains).count() >= FOUND_WITH)
          .findFirst()
          .ifPresent(
              a -> {
                fromLast.add(Math.max(0, a.evaluatedAt().toEpochMilli() - last) / 60_000.0);
                fromFirst.add((a.evaluatedAt().toEpochMilli() - first) / 60_000.0);
              });
    }
    return new Figures(
        settings.openRecurrenceDays(), settings.closeRecurrenceDays(), measuredDays,
        simulated.stream().filter(i -> i.occurredAt() >= simulatedCountFrom.toEpochMilli()).count(),
        opened(nullRun, simulatedCountFrom) / (double) measuredDays,
        events(nullRun, simulatedCountFrom) / (double) measuredDays, measuredDays,
        real.stream().filter(i -> i.occurredAt() >= countFrom.toEpochMilli()).count(),
        opened(realRun, countFrom) / (double) measuredDays, events(realRun, countFrom) / (double) measuredDays,
        injections.size(), fromLast.size(), fromLast.size() / (double) injections.size(), median(fromLast),
        median(fromFirst), real.size() / realRun.seconds());
  }

  /** Incidents drawn from the baseline alone: Poisson per cell and hour, uniform within the hour, at the cell centre. */
  List<HeldIncident> simulate(Instant from, int days) {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed + 1));
    List<HeldIncident> incidents = new ArrayList<>();
    long hour = Duration.ofHours(1).toMillis();
    for (String cell : cells) {
      GeoPoint centre = CellIndex.centroid(cell);
      for (long t = from.toEpochMilli(); t < from.plus(Duration.ofDays(days)).toEpochMilli(); t += hour) {
        double mean = baseline.expected(cell, Instant.ofEpochMilli(t), Instant.ofEpochMilli(t + hour));
        long n = mean > 0 ? random.nextPoisson(mean) : 0;
        for (int i = 0; i < n; i++) {
          incidents.add(
              new HeldIncident(
                  "sim-" + incidents.size(), cell, t + random.nextLong(0, hour - 1), centre.lat(), centre.lon(),
                  "THEFT", new float[0]));
        }
      }
    }
    return incidents;
  }

  private List<HeldIncident> read(Path file, Instant from, int days) throws IOException {
    long start = from.toEpochMilli();
    long end = from.plus(Duration.ofDays(days)).toEpochMilli();
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(file)) {
      return rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .filter(i -> i.occurredAt().toEpochMilli() >= start && i.occurredAt().toEpochMilli() < end)
          .map(i -> held(i.id(), i.occurredAt().toEpochMilli(), i.latitude(), i.longitude(), i.category()))
          .toList();
    }
  }

  /**
   * One cluster every 12 h after the warm-up, at a random real incident's place: {@value #INJECTED_PER_CLUSTER}
   * incidents within 250 m, spread over 2 h.
   */
  private List<List<HeldIncident>> inject(List<HeldIncident> real, Instant from, Instant to) {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed + 2));
    List<List<HeldIncident>> clusters = new ArrayList<>();
    long every = INJECTION_EVERY.toMillis();
    for (long t = from.toEpochMilli(); t + DETECTION_DEADLINE.toMillis() < to.toEpochMilli(); t += every) {
      long start = t + random.nextLong(0, every - INJECTED_SPAN.toMillis());
      HeldIncident centre = real.get(random.nextInt(0, real.size() - 1));
      List<HeldIncident> cluster = new ArrayList<>();
      for (int i = 0; i < INJECTED_PER_CLUSTER; i++) {
        // uniform over the disc: radius ~ sqrt(u)
        double distance = INJECTED_RADIUS_METRES * Math.sqrt(random.nextUniform(0, 1));
        double bearing = random.nextUniform(0, 2 * Math.PI);
        double lat = centre.latitude() + distance * Math.cos(bearing) / 111_195.0;
        double lon =
            centre.longitude()
                + distance * Math.sin(bearing) / (111_195.0 * Math.cos(Math.toRadians(centre.latitude())));
        long at = start + random.nextLong(0, INJECTED_SPAN.toMillis() - 1);
        cluster.add(held("injected-" + clusters.size() + "-" + i, at, lat, lon, "ASSAULT_BATTERY"));
      }
      cluster.sort(Comparator.comparingLong(HeldIncident::occurredAt));
      clusters.add(cluster);
    }
    return clusters;
  }

  private HeldIncident held(String id, long at, double lat, double lon, String category) {
    return new HeldIncident(id, cellIndex.cellOf(lat, lon), at, lat, lon, category, new float[0]);
  }

  /** Feeds the incidents in event-time order, evaluating every step, as the streaming operator does. */
  Run run(List<HeldIncident> incidents, Instant from, int days) {
    List<HeldIncident> sorted =
        incidents.stream().sorted(Comparator.comparingLong(HeldIncident::occurredAt)).toList();
    HotspotEngine engine = new HotspotEngine("figures", baseline, calibration, settings);
    long step = settings.step().toMillis();
    long end = from.plus(Duration.ofDays(days)).toEpochMilli();
    List<HotspotAlert> alerts = new ArrayList<>();
    long began = System.nanoTime();
    int next = 0;
    for (long t = engine.stepAfter(from.toEpochMilli()); t <= end; t += step) {
      while (next < sorted.size() && sorted.get(next).occurredAt() < t) {
        engine.add(sorted.get(next++), Long.MIN_VALUE);
      }
      alerts.addAll(engine.step(t));
    }
    return new Run(alerts, (System.nanoTime() - began) / 1e9);
  }

  private static long opened(Run run, Instant from) {
    return run.alerts().stream()
        .filter(a -> a.type().equals(HotspotAlert.OPENED) && !a.evaluatedAt().isBefore(from))
        .count();
  }

  private static long events(Run run, Instant from) {
    return run.alerts().stream().filter(a -> !a.evaluatedAt().isBefore(from)).count();
  }

  private static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
