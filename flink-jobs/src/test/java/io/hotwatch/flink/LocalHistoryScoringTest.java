package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.EventTypes;
import io.hotwatch.flink.event.ScoredIncident;
import io.hotwatch.flink.functions.CellAssigner;
import io.hotwatch.flink.functions.HistoryAreas;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stream's scoring (the job's own wiring: areas, keyed by area, the keyed scorer) at parallelism 2 on three days of
 * real 2017 incidents gives every incident the probabilities the model gives the same incident in the context that
 * training and {@code evaluate} build (the incidents in time order through {@code LocalHistory.Sequence}), bit for bit.
 * The two source subtasks each read half of the days, so incidents reach the scorers far out of time order; incidents
 * next to an area's edge are counted by scorers of both subtasks.
 */
class LocalHistoryScoringTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestCluster.twoSlots();

  private static final Instant FROM = Instant.parse("2017-07-10T05:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-13T05:00:00Z");

  @Test
  void streamScoresEqualTheTrainingPathsBitForBitAtParallelismTwo() throws Exception {
    List<Incident> incidents = TestData.chicago2017(FROM, TO);
    CategoryModel model = CategoryModel.load(TestData.bundledModel());
    List<IncidentContext> contexts = model.contexts(incidents);
    checkTheDataCrossesAreasOnBothSubtasks(incidents);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    env.configure(EventTypes.serialization());
    EventCodec codec = new EventCodec();
    DataStream<Incident> input =
        env.fromSequence(0, incidents.size() - 1)
            .map(new Decode(new ArrayList<>(incidents.stream().map(codec::encode).toList())))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<Incident>forMonotonousTimestamps()
                    .withTimestampAssigner((incident, ignored) -> incident.occurredAt().toEpochMilli()));
    BaselineRates baseline = BaselineRates.load(TestData.bundledModel().resolve(CategoryModel.BASELINE_FILE));
    // batches of one: each incident's probabilities can then be compared bit for bit with the model scoring it alone
    List<ScoredIncident> scored =
        HotspotJob.score(input.map(CellAssigner.matching(baseline, 8)), TestData.bundledModel(), 8, 1,
                Duration.ofMillis(1))
            .executeAndCollect(incidents.size() + 1);

    assertThat(scored).hasSize(incidents.size());
    Map<String, ScoredIncident> byId = new HashMap<>();
    scored.forEach(s -> byId.put(s.incident().id(), s));
    List<String> outputs = model.categories();
    int withHistory = 0;
    for (IncidentContext context : contexts) {
      ScoredIncident s = byId.get(context.incident().id());
      float[] expected = model.predictInContext(List.of(context))[0];
      for (int o = 0; o < outputs.size(); o++) {
        float actual = s.probability(CrimeCategory.parse(outputs.get(o)));
        if (Float.floatToRawIntBits(actual) != Float.floatToRawIntBits(expected[o])) {
          throw new AssertionError(
              "incident " + context.incident().id() + " at " + context.incident().occurredAt() + ", " + outputs.get(o)
                  + ": stream " + actual + ", training path " + expected[o]);
        }
      }
      withHistory += context.history()[context.history().length - 1] > 0 ? 1 : 0;
    }
    // the comparison means something only if most incidents have history in their cell over the week
    assertThat(withHistory).isGreaterThan(incidents.size() / 2);
  }

  /** Areas scored on both subtasks, and incidents whose ring reaches an area scored on the other one. */
  private static void checkTheDataCrossesAreasOnBothSubtasks(List<Incident> incidents) {
    HistoryAreas areas = new HistoryAreas(8);
    CellIndex cells = new CellIndex(8);
    int crossing = 0;
    Set<Integer> subtasks = new java.util.HashSet<>();
    for (Incident incident : incidents) {
      String cell = cells.cellOf(incident.latitude(), incident.longitude());
      int home = subtask(areas.areaOf(cell));
      subtasks.add(home);
      Set<Integer> ring = CellIndex.disk(cell, 1).stream().map(c -> subtask(areas.areaOf(c))).collect(Collectors.toSet());
      crossing += ring.size() > 1 ? 1 : 0;
    }
    assertThat(subtasks).containsExactlyInAnyOrder(0, 1);
    assertThat(crossing).as("incidents whose ring is counted on both subtasks").isGreaterThan(50);
  }

  private static int subtask(String area) {
    return KeyGroupRangeAssignment.assignKeyToParallelOperator(
        area, KeyGroupRangeAssignment.computeDefaultMaxParallelism(2), 2);
  }

  /** Incident number i of the test's list, from its JSON (the list travels with the job). */
  private record Decode(ArrayList<String> json) implements MapFunction<Long, Incident> {
    @Override
    public Incident map(Long index) throws Exception {
      return new EventCodec().decodeIncident(json.get(index.intValue()));
    }
  }
}
