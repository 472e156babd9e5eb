package io.hotwatch.flink.engine;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.hotspot.CalibrationSimulator;
import io.hotwatch.core.hotspot.EngineSettings;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomDataGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * A small city with a known normal for the operator tests: the 37 cells within 3 steps of downtown Chicago, each
 * expecting (1 + 1/20) / 21 = 0.05 incidents an hour (one training incident per hour of one week in a 20-week range).
 * Its calibration is simulated from that baseline (2 days, B = 576, so recurrence intervals reach 2 days); the
 * settings open at 1.5 days and close below 0.2.
 */
final class EngineTestCity {

  static final String SOURCE = "chicago-crimes";
  static final CellIndex CELLS = new CellIndex(8);
  static final String CENTRE = CELLS.cellOf(41.8781, -87.6298);
  static final List<String> CITY = CellIndex.disk(CENTRE, 3);
  static final BaselineRates BASELINE = baseline();
  static final EngineSettings SETTINGS = EngineSettings.defaults().withRecurrence(1.5, 0.2);
  static final Calibration CALIBRATION =
      new CalibrationSimulator(BASELINE, CITY, SETTINGS).simulate(Instant.parse("2017-07-03T05:00:00Z"), 2, 11);

  private EngineTestCity() {}

  private static BaselineRates baseline() {
    Instant from = Instant.parse("2017-01-02T06:00:00Z");
    List<Incident> training = new ArrayList<>();
    for (String cell : CITY) {
      GeoPoint c = CellIndex.centroid(cell);
      for (int h = 0; h < BaselineRates.HOURS_PER_WEEK; h++) {
        training.add(new Incident("t", "test", from.plus(Duration.ofHours(h)), null, c.lat(), c.lon(), "THEFT",
            "THEFT", "", "", "", ""));
      }
    }
    return BaselineRates.fit(training.stream(), 8, from, from.plus(Duration.ofDays(140)));
  }

  /** A scored incident near a cell's centre; the forecast favours assault. */
  static ScoredIncident scored(String id, String cell, Instant at, String category) {
    GeoPoint c = CellIndex.centroid(cell);
    int n = Math.abs(id.hashCode() % 7);
    Incident incident = new Incident(id, SOURCE, at, at, c.lat() + n * 1e-4, c.lon() - (n % 3) * 1e-4, category,
        category, "", "1", "0111", "STREET");
    float[] p = new float[CrimeCategory.values().length];
    p[CrimeCategory.ASSAULT_BATTERY.ordinal()] = 0.5f;
    p[CrimeCategory.THEFT.ordinal()] = 0.3f;
    p[CrimeCategory.ROBBERY.ordinal()] = 0.2f;
    return new ScoredIncident(cell, incident, p, 0.7);
  }

  static IncidentDelta add(String id, String cell, Instant at, String category) {
    return IncidentDelta.add(scored(id, cell, at, category));
  }

  /** Background incidents at the normal rate (Poisson, seeded) in every cell during [from, to), in time order. */
  static List<IncidentDelta> background(Instant from, Instant to, long seed) {
    RandomDataGenerator random = new RandomDataGenerator(new Well19937c(seed));
    List<IncidentDelta> deltas = new ArrayList<>();
    for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
      for (String cell : CITY) {
        long n = random.nextPoisson(BASELINE.expected(cell, hour, hour.plus(Duration.ofHours(1))));
        for (int i = 0; i < n; i++) {
          deltas.add(add("bg-" + deltas.size(), cell, hour.plusSeconds(random.nextLong(0, 3599)), "THEFT"));
        }
      }
    }
    deltas.sort(java.util.Comparator.comparing(d -> d.incident().incident().occurredAt()));
    return deltas;
  }
}
