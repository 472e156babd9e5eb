package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.IncidentInArea;
import io.hotwatch.flink.event.ScoredIncident;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keyed micro-batch scorer with the bundled model on real incidents: incidents wait for the watermark and leave in
 * event-time order with the local history of those before them; when batches flush; what survives a checkpoint; and
 * that no state or timer outlives the history's window.
 */
class IncidentScorerTest {

  private static final int BATCH = 4;
  private static final long DELAY_MS = 50;
  private static final HistoryAreas AREAS = new HistoryAreas(8);

  /** Real incidents of one area, in time order. */
  private static List<Incident> incidents;
  private static CategoryModel model;

  private KeyedOneInputStreamOperatorTestHarness<String, IncidentInArea, ScoredIncident> harness;

  @BeforeAll
  static void load() throws Exception {
    model = CategoryModel.load(TestData.bundledModel());
    List<Incident> day =
        TestData.chicago2017(java.time.Instant.parse("2017-07-03T05:00:00Z"), java.time.Instant.parse("2017-07-04T05:00:00Z"));
    String busiest =
        day.stream()
            .map(i -> AREAS.areaOf(cell(i)))
            .collect(java.util.stream.Collectors.groupingBy(a -> a, java.util.stream.Collectors.counting()))
            .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).get().getKey();
    // one per time, so that every watermark below splits them where the test says
    java.util.Set<java.time.Instant> times = new java.util.HashSet<>();
    incidents =
        day.stream()
            .filter(i -> AREAS.areaOf(cell(i)).equals(busiest))
            .sorted(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id))
            .filter(i -> times.add(i.occurredAt()))
            .limit(12)
            .toList();
    assertThat(incidents).hasSize(12);
  }

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, IncidentInArea, ScoredIncident> newHarness()
      throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        new IncidentScorer(TestData.bundledModel().toString(), BATCH, DELAY_MS), IncidentInArea::area, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private static String cell(Incident incident) {
    return new CellIndex(8).cellOf(incident.latitude(), incident.longitude());
  }

  private void send(Incident incident) throws Exception {
    String cell = cell(incident);
    harness.processElement(
        new IncidentInArea(AREAS.areaOf(cell), cell, incident, true), incident.occurredAt().toEpochMilli());
  }

  private static long time(int i) {
    return incidents.get(i).occurredAt().toEpochMilli();
  }

  private List<StreamRecord<? extends ScoredIncident>> scored() {
    return harness.extractOutputStreamRecords();
  }

  @Test
  void incidentsWaitForTheWatermarkThenLeaveInTimeOrderWithTheHistoryBeforeThem() throws Exception {
    // out of order: the stream's partitions interleave; the scorer sorts by the watermark
    for (int i : new int[] {3, 1, 0, 2}) {
      send(incidents.get(i));
    }
    assertThat(scored()).isEmpty();

    harness.processWatermark(time(3));

    assertThat(scored()).hasSize(BATCH);
    List<IncidentContext> contexts = model.contexts(incidents.subList(0, BATCH));
    float[][] sameBatch = model.predictInContext(contexts);
    List<String> outputs = model.categories();
    for (int i = 0; i < BATCH; i++) {
      StreamRecord<? extends ScoredIncident> record = scored().get(i);
      ScoredIncident s = record.getValue();
      assertThat(s.incident()).isEqualTo(incidents.get(i));
      assertThat(record.getTimestamp()).isEqualTo(time(i));
      assertThat(s.cellId()).isEqualTo(cell(incidents.get(i)));
      for (int o = 0; o < outputs.size(); o++) {
        // the very floats of the model scoring the same incidents in context, in the same batch
        assertThat(Float.floatToRawIntBits(s.probability(CrimeCategory.parse(outputs.get(o)))))
            .isEqualTo(Float.floatToRawIntBits(sameBatch[i][o]));
      }
      double pActual = sameBatch[i][outputs.indexOf(incidents.get(i).category())];
      assertThat(s.surprise()).isCloseTo(-Math.log(Math.max(pActual, IncidentScorer.MIN_PROBABILITY)), within(1e-6));
    }
    assertThat(contexts.get(BATCH - 1).history()).as("the last one has history").isNotEqualTo(new float[contexts.get(0).history().length]);
  }

  @Test
  void aWatermarkIsForwardedOnlyAfterTheIncidentsItReleased() throws Exception {
    send(incidents.get(0));
    send(incidents.get(1));
    send(incidents.get(5));
    harness.processWatermark(time(1));

    List<Object> output = List.copyOf(harness.getOutput());
    assertThat(output).hasSize(3);
    assertThat(((StreamRecord<?>) output.get(0)).getValue()).extracting("incident").isEqualTo(incidents.get(0));
    assertThat(((StreamRecord<?>) output.get(1)).getValue()).extracting("incident").isEqualTo(incidents.get(1));
    assertThat(output.get(2)).isEqualTo(new Watermark(time(1)));
  }

  @Test
  void anIncidentBehindTheWatermarkIsScoredAtOnceInAPartialBatchAfterTheDelay() throws Exception {
    harness.processWatermark(time(5));
    harness.setProcessingTime(1_000);
    send(incidents.get(0));
    harness.setProcessingTime(1_020);
    send(incidents.get(1));
    harness.setProcessingTime(1_000 + DELAY_MS - 1);
    assertThat(scored()).isEmpty();

    harness.setProcessingTime(1_000 + DELAY_MS);

    assertThat(scored()).extracting(r -> r.getValue().incident()).containsExactly(incidents.get(0), incidents.get(1));
    assertThat(harness.getProcessingTimeService().getNumActiveTimers()).isZero();
  }

  @Test
  void aNeighbouringAreasIncidentJoinsTheHistoryWithoutBeingScored() throws Exception {
    Incident later = incidents.get(1);
    // made up: a real incident moved next to the later one, as an incident of the neighbouring area would come
    Incident first = incidents.get(0);
    String nextCell = CellIndex.disk(cell(later), 1).get(1);
    var centre = CellIndex.centroid(nextCell);
    Incident neighbour =
        new Incident("neighbour", first.source(), first.occurredAt(), null, centre.lat(), centre.lon(), first.category(),
            first.originalCategory(), "", first.district(), first.beat(), first.locationType());
    harness.processElement(new IncidentInArea(AREAS.areaOf(cell(later)), nextCell, neighbour, false), time(0));
    send(later);
    harness.processWatermark(time(1));

    assertThat(scored()).extracting(r -> r.getValue().incident()).containsExactly(later);
    List<IncidentContext> withNeighbour = model.contexts(List.of(neighbour, later)).subList(1, 2);
    assertThat(withNeighbour.get(0).history()).as("the neighbour counts").isNotEqualTo(model.contexts(List.of(later)).get(0).history());
    float[] expected = model.predictInContext(withNeighbour)[0];
    List<String> outputs = model.categories();
    for (int o = 0; o < outputs.size(); o++) {
      assertThat(scored().get(0).getValue().probability(CrimeCategory.parse(outputs.get(o)))).isEqualTo(expected[o]);
    }
  }

  @Test
  void waitingIncidentsAndTheHistorySurviveACheckpoint() throws Exception {
    for (int i = 0; i < 6; i++) {
      send(incidents.get(i));
    }
    harness.processWatermark(time(2));
    int before = scored().size();
    OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
    harness.close();

    harness = newHarness();
    harness.setup();
    harness.initializeState(snapshot);
    harness.open();
    harness.processWatermark(time(5));

    List<ScoredIncident> restored = scored().stream().map(StreamRecord::getValue).map(ScoredIncident.class::cast).toList();
    assertThat(before).isEqualTo(3);
    assertThat(restored).extracting(ScoredIncident::incident).containsExactlyElementsOf(incidents.subList(3, 6));
    float[][] expected = model.predictInContext(model.contexts(incidents.subList(0, 6)).subList(3, 6));
    for (int i = 0; i < 3; i++) {
      assertThat(restored.get(i).probability(CrimeCategory.parse(model.categories().get(0))))
          .isCloseTo(expected[i][0], within(1e-6f));
    }
  }

  @Test
  void noStateOrTimerOutlivesTheHistorysWindow() throws Exception {
    for (Incident incident : incidents) {
      send(incident);
    }
    harness.processWatermark(time(incidents.size() - 1));
    assertThat(scored()).hasSize(incidents.size());
    assertThat(harness.numKeyedStateEntries()).isPositive();

    harness.processWatermark(time(incidents.size() - 1) + Duration.ofDays(7).plusHours(2).toMillis());

    assertThat(harness.numKeyedStateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void theLastIncidentsAreScoredAtTheEndOfInput() throws Exception {
    send(incidents.get(0));
    send(incidents.get(1));
    harness.processWatermark(Long.MAX_VALUE);
    harness.getOperator().finish();

    assertThat(scored()).hasSize(2);
  }
}
