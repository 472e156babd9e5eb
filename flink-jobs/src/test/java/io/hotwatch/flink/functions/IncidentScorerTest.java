package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.IncidentInCell;
import io.hotwatch.flink.event.ScoredIncident;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The micro-batch scorer with the bundled model on real incidents: when it flushes, and what it emits. */
class IncidentScorerTest {

  private static final int BATCH = 4;
  private static final long DELAY_MS = 50;

  private static List<Incident> incidents;
  private static CategoryModel model;

  private OneInputStreamOperatorTestHarness<IncidentInCell, ScoredIncident> harness;

  @BeforeAll
  static void load() throws Exception {
    incidents = TestData.chicago2017First(8);
    model = CategoryModel.load(TestData.bundledModel());
  }

  @BeforeEach
  void open() throws Exception {
    harness =
        new OneInputStreamOperatorTestHarness<>(
            new IncidentScorer(TestData.bundledModel().toString(), BATCH, DELAY_MS));
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private void send(int i) throws Exception {
    Incident incident = incidents.get(i);
    String cell = new CellIndex(8).cellOf(incident.latitude(), incident.longitude());
    harness.processElement(new IncidentInCell(cell, incident), incident.occurredAt().toEpochMilli());
  }

  private int pendingFlushTimers() {
    return harness.getProcessingTimeService().getNumActiveTimers();
  }

  private List<StreamRecord<? extends ScoredIncident>> scored() {
    return harness.extractOutputStreamRecords();
  }

  @Test
  void aFullBatchIsScoredAtOnceLikeTheModelScoresEachIncident() throws Exception {
    for (int i = 0; i < BATCH - 1; i++) {
      send(i);
    }
    assertThat(scored()).isEmpty();
    assertThat(pendingFlushTimers()).isEqualTo(1);

    send(BATCH - 1);

    assertThat(scored()).hasSize(BATCH);
    assertThat(pendingFlushTimers()).isZero();
    List<String> outputs = model.categories();
    float[][] sameBatch = model.predict(incidents.subList(0, BATCH));
    for (int i = 0; i < BATCH; i++) {
      StreamRecord<? extends ScoredIncident> record = scored().get(i);
      Incident incident = incidents.get(i);
      ScoredIncident s = record.getValue();
      assertThat(s.incident()).isEqualTo(incident);
      assertThat(record.getTimestamp()).isEqualTo(incident.occurredAt().toEpochMilli());
      assertThat(CellIndex.contains(s.cellId(), incident.latitude(), incident.longitude())).isTrue();

      float[] alone = model.predict(List.of(incident))[0];
      for (int o = 0; o < outputs.size(); o++) {
        float p = s.probability(CrimeCategory.parse(outputs.get(o)));
        // the very floats of the model scoring the same batch; alone, a row may differ in its last bits
        assertThat(Float.floatToRawIntBits(p)).isEqualTo(Float.floatToRawIntBits(sameBatch[i][o]));
        assertThat(p).isCloseTo(alone[o], within(1e-5f));
      }
      double pActual = alone[outputs.indexOf(incident.category())];
      assertThat(s.surprise())
          .isCloseTo(-Math.log(Math.max(pActual, IncidentScorer.MIN_PROBABILITY)), within(1e-4));
    }
  }

  @Test
  void aPartialBatchIsScoredWhenItsOldestIncidentHasWaitedTheDelay() throws Exception {
    harness.setProcessingTime(1_000);
    send(0);
    harness.setProcessingTime(1_020);
    send(1);

    harness.setProcessingTime(1_000 + DELAY_MS - 1);
    assertThat(scored()).isEmpty();

    harness.setProcessingTime(1_000 + DELAY_MS);
    assertThat(scored()).extracting(r -> r.getValue().incident()).containsExactly(incidents.get(0), incidents.get(1));
    assertThat(pendingFlushTimers()).isZero();
  }

  @Test
  void aWatermarkIsForwardedOnlyAfterTheIncidentsBeforeIt() throws Exception {
    send(0);
    send(1);
    long watermark = incidents.get(1).occurredAt().toEpochMilli();
    harness.processWatermark(watermark);

    List<Object> output = List.copyOf(harness.getOutput());
    assertThat(output).hasSize(3);
    assertThat(output.get(0)).isInstanceOf(StreamRecord.class);
    assertThat(output.get(1)).isInstanceOf(StreamRecord.class);
    assertThat(output.get(2)).isEqualTo(new Watermark(watermark));
  }

  @Test
  void nothingIsHeldAcrossACheckpointBarrier() throws Exception {
    send(0);
    send(1);
    send(2);
    harness.prepareSnapshotPreBarrier(1L);

    assertThat(scored()).hasSize(3);
    assertThat(pendingFlushTimers()).isZero();
  }

  @Test
  void theLastIncidentsAreScoredAtTheEndOfInput() throws Exception {
    send(0);
    send(1);
    harness.getOperator().finish();

    assertThat(scored()).hasSize(2);
  }
}
