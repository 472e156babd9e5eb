package io.hotwatch.core.hotspot;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the engine on the bundled Chicago baseline and calibration: one evaluation step with the incidents that
 * arrived during it (Chicago's normal density, simulated from the baseline, after a week of warm-up), and one incident
 * added and retracted. Run: see docs/HOTSPOTS.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotspotEngineBenchmark {

  private static final Path MODEL = Path.of("../deploy/demo/model");
  private static final long STEP = Duration.ofMinutes(5).toMillis();
  private static final int DAYS = 40;

  private BaselineRates baseline;
  private Calibration calibration;
  private List<HeldIncident> incidents;
  private Instant from;
  private HotspotEngine engine;
  private int next;
  private long step;
  private HeldIncident probe;

  @Setup(Level.Trial)
  public void simulate() throws Exception {
    baseline = BaselineRates.load(MODEL.resolve("baseline.json"));
    calibration = Calibration.load(MODEL.resolve("calibration.json"));
    from = Instant.parse("2017-03-01T06:00:00Z");
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(1));
    incidents = new ArrayList<>();
    for (String cell : calibration.cells()) {
      GeoPoint c = CellIndex.centroid(cell);
      for (Instant h = from; h.isBefore(from.plus(Duration.ofDays(DAYS))); h = h.plus(Duration.ofHours(1))) {
        long n = random.nextPoisson(Math.max(1e-9, baseline.expected(cell, h, h.plus(Duration.ofHours(1)))));
        for (int i = 0; i < n; i++) {
          incidents.add(new HeldIncident("s" + incidents.size(), cell, h.toEpochMilli() + random.nextLong(0, 3_599_999),
              c.lat(), c.lon(), "THEFT", new float[0]));
        }
      }
    }
    incidents.sort(Comparator.comparingLong(HeldIncident::occurredAt));
    // ahead of every step, so it is counted, not refused as late
    long ahead = from.plus(Duration.ofDays(DAYS + 1)).toEpochMilli();
    probe = new HeldIncident("probe", calibration.cells().get(0), ahead, 41.88, -87.63, "THEFT", new float[0]);
  }

  /** A fresh engine that has seen a week, so every window is full. */
  @Setup(Level.Iteration)
  public void warmUp() {
    engine = new HotspotEngine("chicago", baseline, calibration, EngineSettings.defaults());
    next = 0;
    step = engine.stepAfter(from.toEpochMilli());
    while (step < from.plus(Duration.ofDays(7)).toEpochMilli()) {
      stepOnce();
    }
  }

  private int stepOnce() {
    if (next >= incidents.size()) {
      warmUp(); // out of simulated days: start over (rare; outside a step's own cost only once per 33 days)
    }
    while (next < incidents.size() && incidents.get(next).occurredAt() < step) {
      engine.add(incidents.get(next++), Long.MIN_VALUE);
    }
    int alerts = engine.step(step).size();
    step += STEP;
    return alerts;
  }

  @Benchmark
  public int stepWithItsIncidents() {
    return stepOnce();
  }

  @Benchmark
  public boolean addAndRetractOneIncident() {
    if (engine.add(probe, Long.MIN_VALUE) != HotspotEngine.Admission.ADDED) {
      throw new IllegalStateException("the probe was not counted");
    }
    return engine.retract(probe.id());
  }
}
