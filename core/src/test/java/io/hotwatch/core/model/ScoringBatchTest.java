package io.hotwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stream's way of building a batch ({@link ScoringBatch}: each incident's row written in place, its local history
 * computed into the row from a store) against training's ({@code LocalHistory.Sequence} contexts, then
 * {@link CategoryModel#predictInContext}): the bundled model on the bundled month of real incidents, in batches of
 * several sizes, must give the same probabilities bit for bit, and the store the same history.
 */
class ScoringBatchTest {

  private static final Path MODEL = Path.of(System.getProperty("hotwatch.home", "..")).resolve("deploy/demo/model");

  private static List<Incident> month;
  private static CategoryModel model;

  @BeforeAll
  static void load() throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(MODEL.resolveSibling("data/chicago_crimes_2017-07.csv.gz"))) {
      month = rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .sorted(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id))
          .toList();
    }
    model = CategoryModel.load(MODEL);
  }

  @Test
  void rowsBuiltInPlaceScoreAsTrainingsContextsBitForBit() throws Exception {
    List<IncidentContext> contexts = model.contexts(month);
    int categories = model.categories().size();
    ScoringBatch batch = model.newBatch(1024);
    ScoringBatch fromContexts = model.newBatch(1024);
    LocalHistory.InMemory store = new LocalHistory.InMemory();
    float[] ours = new float[1024 * categories];
    float[] fromTheirContexts = new float[1024 * categories];
    float[] theirs = new float[1024 * categories];
    List<Integer> sizes = List.of(1024, 1, 300, 17, 1024, 2);
    int start = 0;
    int round = 0;
    while (start < month.size()) {
      int size = Math.min(sizes.get(round++ % sizes.size()), month.size() - start);
      for (int i = start; i < start + size; i++) {
        Incident incident = month.get(i);
        String cell = contexts.get(i).cell();
        batch.add(store, CellIndex.idOf(cell), cell, incident, LocalHistory.horizon(incident.occurredAt().toEpochMilli()));
        fromContexts.add(contexts.get(i));
      }
      assertThat(batch.size()).isEqualTo(size);
      batch.score(ours);
      fromContexts.score(fromTheirContexts);
      model.predictInContext(contexts.subList(start, start + size), theirs);
      for (int i = 0; i < size * categories; i++) {
        if (Float.floatToRawIntBits(ours[i]) != Float.floatToRawIntBits(theirs[i])
            || Float.floatToRawIntBits(fromTheirContexts[i]) != Float.floatToRawIntBits(theirs[i])) {
          throw new AssertionError("incident " + month.get(start + i / categories).id() + " output " + i % categories
              + ": batch " + ours[i] + ", from contexts " + fromTheirContexts[i] + ", predictInContext " + theirs[i]);
        }
      }
      assertThat(batch.size()).isZero();
      start += size;
    }
    assertThat(store.incidentCount()).isGreaterThan(1000);
  }

  @Test
  void aFullBatchRefusesMoreAndAClearedOneStartsAgain() throws Exception {
    ScoringBatch batch = model.newBatch(2);
    LocalHistory.InMemory store = new LocalHistory.InMemory();
    CellIndex cells = new CellIndex(model.history().resolution());
    for (Incident incident : month.subList(0, 2)) {
      batch.add(store, cells.cellIdOf(incident.latitude(), incident.longitude()),
          cells.cellOf(incident.latitude(), incident.longitude()), incident, Long.MIN_VALUE);
    }
    Incident third = month.get(2);
    assertThatThrownBy(() -> batch.add(model.contexts(List.of(third)).get(0)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the batch is full at 2 incidents");
    batch.clear();
    assertThat(batch.size()).isZero();
    batch.add(model.contexts(List.of(third)).get(0));
    float[] probabilities = new float[model.categories().size()];
    batch.score(probabilities);
    assertThat((double) sum(probabilities)).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    assertThatThrownBy(() -> model.newBatch(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static float sum(float[] values) {
    float sum = 0;
    for (float v : values) {
      sum += v;
    }
    return sum;
  }

  /** Compact rows expanded to full rows (for a network the forward pass does not handle) are the full rows, bit for bit. */
  @Test
  void compactRowsExpandToTheFullRowsBitForBit() {
    List<IncidentContext> contexts = model.contexts(month.subList(0, 2000));
    NetworkInput input = model.input();
    int n = contexts.size();
    float[] dense = new float[n * model.encoder().denseWidth()];
    int[] hot = new int[n * 3];
    input.writeCompact(contexts, dense, hot);
    float[] expanded = new float[n * model.encoder().width()];
    input.expandCompact(dense, hot, n, expanded);
    float[] full = input.rows(contexts);
    for (int i = 0; i < full.length; i++) {
      if (Float.floatToRawIntBits(expanded[i]) != Float.floatToRawIntBits(full[i])) {
        throw new AssertionError("float " + i + ": expanded " + expanded[i] + ", full row " + full[i]);
      }
    }
    assertThat(Arrays.stream(hot).distinct().count()).isGreaterThan(30);
  }
}
