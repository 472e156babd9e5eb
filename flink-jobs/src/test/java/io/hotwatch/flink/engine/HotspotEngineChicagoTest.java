package io.hotwatch.flink.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.hotspot.EngineSettings;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Ten days of real Chicago incidents (July 2017), scored by the bundled model, through the engine operator with the
 * bundled baseline and calibration: every alert's evidence must hold against the input.
 */
class HotspotEngineChicagoTest {

  private static final Instant FROM = Instant.parse("2017-07-01T05:00:00Z");
  private static final Instant TO = FROM.plus(Duration.ofDays(10));

  @Test
  void everyAlertOnRealIncidentsCountsOnlyInputIncidentsInsideItsCellsAndWindow() throws Exception {
    List<Incident> incidents = TestData.chicago2017(FROM, TO);
    CategoryModel model = CategoryModel.load(TestData.bundledModel());
    BaselineRates baseline = BaselineRates.load(TestData.bundledModel().resolve(CategoryModel.BASELINE_FILE));
    Calibration calibration = Calibration.load(TestData.bundledModel().resolve("calibration.json"));
    CellIndex cells = new CellIndex(baseline.resolution());

    Map<String, Incident> byId = new HashMap<>();
    List<IncidentDelta> deltas = new ArrayList<>();
    int[] ordinal = model.categories().stream().mapToInt(c -> CrimeCategory.valueOf(c).ordinal()).toArray();
    // in time order with their local history, as the stream scores them
    List<IncidentContext> contexts = model.contexts(incidents);
    for (int start = 0; start < incidents.size(); start += 1024) {
      List<IncidentContext> batch = contexts.subList(start, Math.min(incidents.size(), start + 1024));
      float[][] rows = model.predictInContext(batch);
      for (int i = 0; i < batch.size(); i++) {
        Incident incident = batch.get(i).incident();
        float[] probabilities = new float[CrimeCategory.values().length];
        for (int o = 0; o < rows[i].length; o++) {
          probabilities[ordinal[o]] = rows[i][o];
        }
        byId.put(incident.id(), incident);
        deltas.add(IncidentDelta.add(new ScoredIncident(
            cells.cellOf(incident.latitude(), incident.longitude()), incident, probabilities, 0)));
      }
    }

    List<HotspotAlert> alerts;
    try (KeyedOneInputStreamOperatorTestHarness<String, IncidentDelta, HotspotAlert> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(new HotspotEngineFunction(baseline, calibration, EngineSettings.defaults())),
            new BySource(), Types.STRING)) {
      harness.open();
      for (IncidentDelta delta : deltas) {
        long at = delta.incident().incident().occurredAt().toEpochMilli();
        harness.processElement(delta, at);
        harness.processWatermark(at - Duration.ofMinutes(30).toMillis());
      }
      harness.processWatermark(TO.plus(Duration.ofDays(9)).toEpochMilli());
      alerts = harness.extractOutputValues();
      assertThat(harness.getSideOutput(HotspotEngineFunction.UNCOUNTED)).isNullOrEmpty();
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numEventTimeTimers()).isZero();
    }

    assertThat(alerts).as("ten days of Chicago raise at least one hotspot").isNotEmpty();
    Map<String, Integer> nextRevision = new HashMap<>();
    for (HotspotAlert alert : alerts) {
      assertThat(alert.observed()).isEqualTo(alert.incidentIds().size());
      assertThat(alert.incidentIds()).doesNotHaveDuplicates();
      for (String id : alert.incidentIds()) {
        Incident incident = byId.get(id);
        assertThat(incident).as("incident %s of %s is from the input", id, alert.hotspotId()).isNotNull();
        assertThat(incident.occurredAt()).isAfterOrEqualTo(alert.windowStart()).isBefore(alert.windowEnd());
        assertThat(inside(alert.geometry(), incident.longitude(), incident.latitude()))
            .as("incident %s lies inside the geometry of %s", id, alert.hotspotId())
            .isTrue();
      }
      int expected = nextRevision.getOrDefault(alert.hotspotId(), 0);
      assertThat(alert.revision()).isEqualTo(expected);
      assertThat(alert.type()).isEqualTo(expected == 0 ? HotspotAlert.OPENED : alert.type());
      nextRevision.put(alert.hotspotId(), alert.type().equals(HotspotAlert.CLOSED) ? -1 : expected + 1);
      assertThat(alert.forecast()).hasSizeLessThanOrEqualTo(3);
      assertThat(alert.explanation()).isNotBlank();
    }
    assertThat(nextRevision.values()).as("every hotspot closed once the stream went quiet").containsOnly(-1);
  }

  /** Even-odd ray casting over every ring of every polygon (holes toggle back out). */
  private static boolean inside(MultiPolygon geometry, double x, double y) {
    boolean in = false;
    for (List<List<List<Double>>> polygon : geometry.coordinates()) {
      for (List<List<Double>> ring : polygon) {
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
          double xi = ring.get(i).get(0);
          double yi = ring.get(i).get(1);
          double xj = ring.get(j).get(0);
          double yj = ring.get(j).get(1);
          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
            in = !in;
          }
        }
      }
    }
    return in;
  }
}
