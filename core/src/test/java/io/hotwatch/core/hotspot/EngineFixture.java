package io.hotwatch.core.hotspot;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small city with a known normal, for engine tests: the 37 cells within 3 steps of downtown Chicago, each with one
 * training incident in every hour of one week of a 20-week training range, so that every cell expects
 * (1 + 1/20) / (20 + 1) = 0.05 incidents an hour. The calibration is simulated from it (2 days, B = 576), so its recurrence intervals reach
 * 2 days; the settings open at 1.5 days and close below 0.2.
 */
final class EngineFixture {

  static final CellIndex CELLS = new CellIndex(8);
  static final String CENTRE = CELLS.cellOf(41.8781, -87.6298);
  static final List<String> CITY = CellIndex.disk(CENTRE, 3);
  static final Instant TRAINING_FROM = Instant.parse("2017-01-02T06:00:00Z"); // a Monday, Chicago midnight
  static final BaselineRates BASELINE = baseline();
  static final EngineSettings SETTINGS = EngineSettings.defaults().withRecurrence(1.5, 0.2);
  static final Calibration CALIBRATION =
      new CalibrationSimulator(BASELINE, CITY, SETTINGS).simulate(Instant.parse("2017-07-03T05:00:00Z"), 2, 11);

  private EngineFixture() {}

  private static BaselineRates baseline() {
    List<Incident> training = new ArrayList<>();
    for (String cell : CITY) {
      GeoPoint c = CellIndex.centroid(cell);
      for (int h = 0; h < BaselineRates.HOURS_PER_WEEK; h++) {
        training.add(new Incident("t", "test", TRAINING_FROM.plus(Duration.ofHours(h)), null, c.lat(), c.lon(),
            "THEFT", "THEFT", "", "", "", ""));
      }
    }
    return BaselineRates.fit(training.stream(), 8, TRAINING_FROM, TRAINING_FROM.plus(Duration.ofDays(140)));
  }

  static HotspotEngine engine() {
    return new HotspotEngine("test", BASELINE, CALIBRATION, SETTINGS);
  }

  /** Background incidents at the normal rate (Poisson, seeded) in every cell during [from, to), ids "bg-n". */
  static List<HeldIncident> background(Instant from, Instant to, long seed) {
    org.apache.commons.math3.random.RandomDataGenerator random =
        new org.apache.commons.math3.random.RandomDataGenerator(new org.apache.commons.math3.random.Well19937c(seed));
    List<HeldIncident> incidents = new ArrayList<>();
    for (Instant hour = from; hour.isBefore(to); hour = hour.plus(Duration.ofHours(1))) {
      for (String cell : CITY) {
        long n = random.nextPoisson(BASELINE.expected(cell, hour, hour.plus(Duration.ofHours(1))));
        for (int i = 0; i < n; i++) {
          Instant at = hour.plusSeconds(random.nextLong(0, 3599));
          incidents.add(incident("bg-" + incidents.size(), cell, at, "THEFT"));
        }
      }
    }
    return incidents;
  }

  /** An incident at a cell's centre, offset a few metres by its number so the points are distinct. */
  static HeldIncident incident(String id, String cell, Instant at, String category) {
    GeoPoint c = CellIndex.centroid(cell);
    int n = Math.abs(id.hashCode() % 7);
    float[] p = new float[io.hotwatch.core.taxonomy.CrimeCategory.values().length];
    p[1] = 0.5f;
    p[5] = 0.3f;
    p[7] = 0.2f;
    return new HeldIncident(id, cell, at.toEpochMilli(), c.lat() + n * 1e-4, c.lon() - (n % 3) * 1e-4, category, p);
  }
}
