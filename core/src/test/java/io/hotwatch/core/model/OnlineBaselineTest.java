package io.hotwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A synthetic baseline (four weeks, a busy cell among quieter ones) and streams placed deterministically at a multiple
 * of its rates, so that the factor the online baseline learns can be predicted from the half-life.
 */
class OnlineBaselineTest {

  private static final CellIndex CELLS = new CellIndex(8);
  private static final String BUSY = CELLS.cellOf(41.8781, -87.6298);
  private static final List<String> AROUND = CellIndex.disk(BUSY, 2);
  private static final Instant TRAINING_START = Instant.parse("2017-01-02T06:00:00Z"); // Monday 00:00 in Chicago
  private static final Instant START = Instant.parse("2017-03-06T06:00:00Z");
  private static final Duration HALF_LIFE = Duration.ofDays(14);

  private static BaselineRates baseline;

  @BeforeAll
  static void fitBaseline() {
    List<Incident> training = new ArrayList<>();
    for (int h = 0; h < 4 * 168; h++) {
      Instant hour = TRAINING_START.plus(Duration.ofHours(h));
      for (int i = 0; i < 5; i++) {
        training.add(incidentIn(BUSY, hour.plusSeconds(60L * i)));
      }
      training.add(incidentIn(AROUND.get(1 + h % (AROUND.size() - 1)), hour));
    }
    baseline = BaselineRates.fit(training.stream(), 8, TRAINING_START, TRAINING_START.plus(Duration.ofDays(28)));
  }

  @Test
  void startsAtTheBaseline() {
    OnlineBaseline online = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    Instant end = START.plus(Duration.ofDays(9));
    assertThat(online.expected(BUSY, START, end)).isEqualTo(baseline.expected(BUSY, START, end));
    assertThat(online.resolution()).isEqualTo(8);
  }

  @Test
  void aCellThatTriplesClimbsToThreeTimesItsBaselineAndComesBackByHalvesOfItsExcess() {
    OnlineBaseline online = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    Instant surgeEnd = START.plus(Duration.ofDays(140)); // ten half-lives: the start is forgotten
    stream(online, List.of(BUSY), 3.0, START, surgeEnd);
    assertThat(online.factor(BUSY)).isCloseTo(3.0, within(0.05));

    Instant oneHalfLife = surgeEnd.plus(HALF_LIFE);
    stream(online, List.of(BUSY), 1.0, surgeEnd, oneHalfLife);
    // half the weight on a tripled past, half on a normal present
    assertThat(online.factor(BUSY)).isCloseTo(2.0, within(0.05));
    stream(online, List.of(BUSY), 1.0, oneHalfLife, oneHalfLife.plus(HALF_LIFE));
    assertThat(online.factor(BUSY)).isCloseTo(1.5, within(0.05));
    Instant t = online.clock();
    assertThat(online.expected(BUSY, t, t.plus(Duration.ofHours(3))))
        .isCloseTo(online.factor(BUSY) * baseline.expected(BUSY, t, t.plus(Duration.ofHours(3))), within(1e-9));
  }

  @Test
  void aCityThatHalvesTakesItsQuietCellsWithIt() {
    OnlineBaseline online = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    List<String> all = new ArrayList<>(baseline.cells());
    stream(online, all, 0.5, START, START.plus(Duration.ofDays(140)));
    assertThat(online.factor(BUSY)).isCloseTo(0.5, within(0.05));
    // a cell expecting under one incident a month in this baseline has little say of its own: it follows the city
    String quiet =
        all.stream()
            .filter(c -> baseline.expected(c, START, START.plus(Duration.ofDays(28))) < 1)
            .findFirst()
            .orElseThrow();
    assertThat(online.factor(quiet)).isCloseTo(0.5, within(0.1));
  }

  @Test
  void silenceLowersEveryFactorAndALateIncidentCountsWithTheWeightItsAgeLeft() {
    OnlineBaseline online = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    online.advanceTo(START.plus(Duration.ofDays(28)));
    assertThat(online.factor(BUSY)).isLessThan(0.1);
    assertThat(online.clock()).isEqualTo(START.plus(Duration.ofDays(28)));

    OnlineBaseline onTime = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    OnlineBaseline late = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    Instant at = START.plus(Duration.ofDays(3));
    onTime.observe(BUSY, at);
    onTime.advanceTo(at.plus(HALF_LIFE));
    late.advanceTo(at.plus(HALF_LIFE));
    late.observe(BUSY, at);
    assertThat(late.factor(BUSY)).isCloseTo(onTime.factor(BUSY), within(1e-9));
    assertThat(late.clock()).isEqualTo(at.plus(HALF_LIFE));
  }

  @Test
  void javaSerializationKeepsTheStateAndItGoesOnTheSame() throws Exception {
    OnlineBaseline online = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    stream(online, List.of(BUSY), 2.0, START, START.plus(Duration.ofDays(10)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(online);
    }
    OnlineBaseline restored;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      restored = (OnlineBaseline) in.readObject();
    }
    for (OnlineBaseline b : List.of(online, restored)) {
      stream(b, List.of(BUSY), 1.0, START.plus(Duration.ofDays(10)), START.plus(Duration.ofDays(20)));
    }
    assertThat(restored.factor(BUSY)).isEqualTo(online.factor(BUSY));
    assertThat(restored.halfLife()).isEqualTo(HALF_LIFE);
  }

  @Test
  void aSnapshotRestoredOnTheSameBaselineGoesOnTheSame() {
    OnlineBaseline online = new OnlineBaseline(baseline, START, HALF_LIFE, 10);
    stream(online, List.of(BUSY, AROUND.get(3)), 2.0, START, START.plus(Duration.ofDays(10)));
    OnlineBaseline.Snapshot snapshot = online.snapshot();
    OnlineBaseline restored = OnlineBaseline.restore(baseline, snapshot);

    assertThat(restored.clock()).isEqualTo(online.clock());
    assertThat(restored.start()).isEqualTo(START);
    assertThat(snapshot.trends()).containsKeys(BUSY, AROUND.get(3));
    for (OnlineBaseline b : List.of(online, restored)) {
      stream(b, List.of(BUSY), 0.5, START.plus(Duration.ofDays(10)), START.plus(Duration.ofDays(20)));
    }
    for (String cell : List.of(BUSY, AROUND.get(3), AROUND.get(5))) {
      assertThat(restored.factor(cell)).as(cell).isEqualTo(online.factor(cell));
    }
    // the snapshot is a copy: the online baseline going on does not change it
    assertThat(OnlineBaseline.restore(baseline, snapshot).factor(BUSY)).isNotEqualTo(online.factor(BUSY));
  }

  @Test
  void refusesBadSettingsAndCellsOfAnotherResolution() {
    assertThatThrownBy(() -> new OnlineBaseline(baseline, START, Duration.ZERO, 10))
        .hasMessageContaining("half-life PT0S must be positive");
    assertThatThrownBy(() -> new OnlineBaseline(baseline, START, HALF_LIFE, 0))
        .hasMessageContaining("prior strength 0.0 must be positive");
    String fine = new CellIndex(9).cellOf(41.8781, -87.6298);
    assertThatThrownBy(() -> new OnlineBaseline(baseline, START).observe(fine, START))
        .hasMessageContaining("resolution 9");
  }

  /**
   * Incidents in the cells during [from, to) at {@code multiple} times the baseline's rate, each placed when the
   * running expected count passes a whole number: the stream's counts track its expectation with no noise.
   */
  private static void stream(OnlineBaseline online, List<String> cells, double multiple, Instant from, Instant to) {
    double[] due = new double[cells.size()];
    for (Instant t = from; t.isBefore(to); t = t.plus(Duration.ofMinutes(10))) {
      Instant next = t.plus(Duration.ofMinutes(10));
      for (int c = 0; c < cells.size(); c++) {
        due[c] += multiple * baseline.expected(cells.get(c), t, next);
        while (due[c] >= 1) {
          online.observe(cells.get(c), t);
          due[c] -= 1;
        }
      }
    }
    online.advanceTo(to);
  }

  private static Incident incidentIn(String cell, Instant at) {
    GeoPoint c = CellIndex.centroid(cell);
    return new Incident("t", "test", at, null, c.lat(), c.lon(), "THEFT", "THEFT", "", "", "", "");
  }
}
