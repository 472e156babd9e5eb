package io.hotwatch.core.model;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.HistoryStore;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.LocalHistory;

/**
 * Rows of a {@link CategoryModel} filled one incident at a time and scored in one network call, as the stream's scorer
 * builds its micro-batches: each incident's compact row ({@link NetworkInput#writeCompact}) is encoded and
 * standardised as it is added, its local history written straight into the row by {@link LocalHistory}. No array or
 * context is made per incident, and each incident is read while its history has just brought it into the cache,
 * instead of once more when the batch is scored.
 *
 * <p>The rows are those {@link CategoryModel#predictInContext} builds for the same incidents in the same contexts, bit
 * for bit, and so are the probabilities (ScoringBatchTest). Not thread-safe, like the model it belongs to.
 */
public final class ScoringBatch {

  private final CategoryModel model;
  private final FeatureEncoder encoder;
  private final NetworkInput input;
  private final LocalHistory history;
  private final int capacity;
  private final int width;
  private final float[] dense;
  private final int[] hot;
  private int size;

  ScoringBatch(CategoryModel model, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a batch holds at least one incident, not " + capacity);
    }
    this.model = model;
    this.encoder = model.encoder();
    this.input = model.input();
    this.history = model.history();
    this.capacity = capacity;
    this.width = encoder.denseWidth();
    this.dense = new float[capacity * width];
    this.hot = new int[capacity * FeatureEncoder.ONE_HOT_GROUPS];
  }

  /**
   * Adds {@code incident}, which lies in the cell {@code cellId} (its address {@code cell}), with the local history
   * {@code store} holds, then records it there and lets its cell forget what occurred before {@code forgetBefore}
   * ({@link LocalHistory#writeThenRecord}).
   */
  public void add(HistoryStore store, long cellId, String cell, Incident incident, long forgetBefore)
      throws Exception {
    int row = nextRow();
    encoder.encodeCompactBesidesHistory(incident, cell, dense, row * width, hot, row * FeatureEncoder.ONE_HOT_GROUPS);
    history.writeThenRecord(
        store, cellId, incident, dense, row * width + encoder.compactHistoryOffset(), forgetBefore);
    input.standardiseCompact(dense, row * width);
    size++;
  }

  /** Adds an incident whose local history was computed before. */
  public void add(IncidentContext context) {
    int row = nextRow();
    encoder.encodeCompact(context, dense, row * width, hot, row * FeatureEncoder.ONE_HOT_GROUPS);
    input.standardiseCompact(dense, row * width);
    size++;
  }

  private int nextRow() {
    if (size == capacity) {
      throw new IllegalStateException("the batch is full at " + capacity + " incidents");
    }
    return size;
  }

  /** Incidents added since the batch was last scored or cleared. */
  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  /**
   * Writes the batch's category probabilities into {@code probabilities}, row after row in the order the incidents
   * were added ({@link CategoryModel#categories()} per incident), in one network call; then the batch is empty.
   */
  public void score(float[] probabilities) {
    model.scoreCompact(dense, hot, size, probabilities);
    size = 0;
  }

  /** Empties the batch without scoring it. */
  public void clear() {
    size = 0;
  }
}
