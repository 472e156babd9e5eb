package io.hotwatch.flink.functions;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.CellHistory;
import io.hotwatch.core.features.HistoryStore;
import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.model.ScoringBatch;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.IncidentInArea;
import io.hotwatch.flink.event.ScoredIncident;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Scores incidents with the category model, keyed by area ({@link HistoryAreas}), with the local history of each
 * incident's cell and ring kept in keyed state, in micro-batches ({@link MicroBatchOperator}: by size and by processing
 * time, flushed before watermarks, checkpoint barriers and the end of input), one network per operator instance.
 *
 * <p>Incidents wait in state until the watermark passes their time, then leave in event-time order: each gets the
 * features of the incidents released before it ({@link LocalHistory#write}) and then joins the history. So the order in
 * which partitions interleave changes nothing, and the features equal those training computes over the same incidents
 * in time order. The cost is latency: an incident is scored when the watermark reaches it (the out-of-orderness bound
 * later than before); the engine counts nothing before its watermark anyway. An incident that arrives behind the
 * watermark is scored at once with the history seen so far (incidents after it in event time may already be in it,
 * but are not counted: only strictly earlier times count) and joins the history.
 *
 * <p>History entries are dropped once no incident that is not late can need them. A scored incident's cell forgets,
 * as the incident joins it, what lies more than seven days before the incident ({@link LocalHistory#writeThenRecord}:
 * the watermark has passed the incident, so that is less than the timers forget). And an hour-rounded event-time
 * timer per area seven days after each incident forgets, in every cell of the area, what lies more than seven days
 * behind the watermark. A record of a neighbouring area ({@link IncidentInArea#scored()} false) only joins the
 * history.
 *
 * <p>State per area: each cell's entries ({@link CellHistory}, by {@link LocalHistory#keyOf the cell's key}) and the
 * cell of each incident id, under the names {@value #CELLS_STATE} and {@value #INCIDENTS_STATE}. Earlier builds kept
 * the history by cell address under other names and types; a savepoint of theirs is not read into these (Flink keeps
 * an unknown state apart), so such a restore starts with an empty history, which fills again within seven days.
 */
public final class IncidentScorer extends MicroBatchOperator<IncidentInArea, ScoredIncident>
    implements Triggerable<String, VoidNamespace> {

  private static final long serialVersionUID = 1L;

  /** Floor for p(actual category): a category the model gives ~0 must not make a window's mean surprise infinite. */
  static final double MIN_PROBABILITY = 1e-6;

  /** Metric: network calls made. */
  public static final String BATCHES_METRIC = "scoringBatches";

  /** Metric: incidents scored on arrival because the watermark had passed them, with the history seen so far. */
  public static final String BEHIND_WATERMARK_METRIC = "scoredBehindWatermark";

  /** Keyed state: each cell's history, by the cell's key ({@link LocalHistory#keyOf}). */
  static final String CELLS_STATE = "history-cell-entries";

  /** Keyed state: the key of the cell each incident id's latest version is kept in. */
  static final String INCIDENTS_STATE = "history-incident-cells";

  private static final int CATEGORY_COUNT = CrimeCategory.values().length;
  private static final long HOUR_MS = 3_600_000L;

  private final String modelDir;

  private transient CategoryModel model;
  private transient LocalHistory history;
  private transient int[] ordinalOfOutput;
  private transient MapState<Long, List<IncidentInArea>> waiting;
  private transient HistoryStore store;
  private transient MapState<Long, CellHistory> cells;
  private transient InternalTimerService<VoidNamespace> releases;
  private transient InternalTimerService<VoidNamespace> forgets;
  // the batch's rows, in the order of the records MicroBatchOperator holds; and the model's outputs
  private transient ScoringBatch batch;
  private transient float[] rows;
  private transient Counter batches;
  private transient Counter behindWatermark;

  /** {@code modelDir} is a model artifact directory readable where the operator runs. */
  public IncidentScorer(String modelDir, int batchSize, long maxDelayMillis) {
    super(batchSize, maxDelayMillis);
    this.modelDir = modelDir;
  }

  @Override
  public void open() throws Exception {
    super.open();
    model = CategoryModel.load(Path.of(modelDir));
    history = model.history();
    ordinalOfOutput = ordinals(model.categories(), modelDir);
    waiting =
        getPartitionedState(
            new MapStateDescriptor<>(
                "waiting-incidents", Types.LONG, Types.LIST(TypeInformation.of(IncidentInArea.class))));
    cells =
        getPartitionedState(new MapStateDescriptor<>(CELLS_STATE, Types.LONG, TypeInformation.of(CellHistory.class)));
    MapState<String, Long> incidents =
        getPartitionedState(new MapStateDescriptor<>(INCIDENTS_STATE, Types.STRING, Types.LONG));
    store = new KeyedHistory(cells, incidents);
    releases = getInternalTimerService("release-incidents", VoidNamespaceSerializer.INSTANCE, this);
    forgets = getInternalTimerService("forget-history", VoidNamespaceSerializer.INSTANCE, new Forget());
    batch = model.newBatch(batchSize());
    rows = new float[batchSize() * model.categories().size()];
    batches = getMetricGroup().counter(BATCHES_METRIC);
    behindWatermark = getMetricGroup().counter(BEHIND_WATERMARK_METRIC);
  }

  /** Maps each model output to its category, refusing a model that predicts a category this build does not know. */
  public static int[] ordinals(List<String> outputs, String modelDir) {
    int[] ordinals = new int[outputs.size()];
    for (int i = 0; i < ordinals.length; i++) {
      if (!CrimeCategory.isKnown(outputs.get(i))) {
        throw new IllegalStateException(
            "model at " + modelDir + " predicts category '" + outputs.get(i) + "', which this build does not know");
      }
      ordinals[i] = CrimeCategory.parse(outputs.get(i)).ordinal();
    }
    return ordinals;
  }

  @Override
  public void processElement(StreamRecord<IncidentInArea> record) throws Exception {
    IncidentInArea placed = record.getValue();
    long at = placed.incident().occurredAt().toEpochMilli();
    if (at <= releases.currentWatermark()) {
      if (placed.scored()) {
        behindWatermark.inc();
      }
      release(placed, at);
      return;
    }
    List<IncidentInArea> same = waiting.get(at);
    List<IncidentInArea> updated = same == null ? new ArrayList<>(1) : new ArrayList<>(same);
    updated.add(placed);
    waiting.put(at, updated);
    releases.registerEventTimeTimer(VoidNamespace.INSTANCE, at);
  }

  /**
   * The watermark passed {@code timer}'s time: the incidents of that time leave by id, and the versions of one id in the
   * order they came (a later one replaces the earlier in the history).
   */
  @Override
  public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
    long at = timer.getTimestamp();
    List<IncidentInArea> due = waiting.get(at);
    if (due == null) {
      return;
    }
    waiting.remove(at);
    List<IncidentInArea> byId = new ArrayList<>(due);
    byId.sort(Comparator.comparing(placed -> placed.incident().id())); // stable: versions keep their order
    for (IncidentInArea placed : byId) {
      release(placed, at);
    }
  }

  @Override
  public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
    // only event-time timers are registered
  }

  /** Features from the history so far for an incident to score, then the incident joins the history. */
  private void release(IncidentInArea placed, long at) throws Exception {
    Incident incident = placed.incident();
    long cell = CellIndex.idOf(placed.cellId());
    if (placed.scored()) {
      // the watermark has passed `at`: what the cell forgets here is older than what the timers forget
      batch.add(store, cell, placed.cellId(), incident, LocalHistory.horizon(at));
      add(new StreamRecord<>(placed, at));
    } else {
      history.record(store, cell, incident);
    }
    long forgetAt = (at + LocalHistory.LONG_WINDOW.toMillis() + HOUR_MS - 1) / HOUR_MS * HOUR_MS;
    forgets.registerEventTimeTimer(VoidNamespace.INSTANCE, forgetAt);
  }

  @Override
  protected void process(List<StreamRecord<IncidentInArea>> pending) {
    if (batch.size() != pending.size()) {
      throw new IllegalStateException(pending.size() + " incidents to score but " + batch.size() + " with features");
    }
    batch.score(rows);
    batches.inc();
    int categories = model.categories().size();
    for (int i = 0; i < pending.size(); i++) {
      StreamRecord<IncidentInArea> record = pending.get(i);
      output.collect(record.replace(score(record.getValue(), rows, i * categories)));
    }
  }

  /** The incident's scores from its row of model outputs, which starts at {@code from} in {@code rows}. */
  private ScoredIncident score(IncidentInArea placed, float[] rows, int from) {
    float[] probabilities = new float[CATEGORY_COUNT];
    for (int o = 0; o < ordinalOfOutput.length; o++) {
      probabilities[ordinalOfOutput[o]] = rows[from + o];
    }
    int actual = CrimeCategory.parse(placed.incident().category()).ordinal();
    double surprise = -Math.log(Math.max(probabilities[actual], MIN_PROBABILITY));
    return new ScoredIncident(placed.cellId(), placed.incident(), probabilities, surprise);
  }

  /** Forgets, in every cell of the area, the entries that lie more than the longest window behind the watermark. */
  private final class Forget implements Triggerable<String, VoidNamespace> {
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
      // an incident that is not late occurs after the watermark W: it looks back to after W - 7 days at most
      long before = LocalHistory.horizon(forgets.currentWatermark()) + 1;
      List<Long> kept = new ArrayList<>();
      for (Iterator<Map.Entry<Long, CellHistory>> it = cells.iterator(); it.hasNext(); ) {
        kept.add(it.next().getKey());
      }
      for (long key : kept) {
        history.forget(store, history.cellOf(key), before);
      }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) {
      // only event-time timers are registered
    }
  }

  /** The history store of the current key (area): its cells and the cell of each incident id, in keyed state. */
  private record KeyedHistory(MapState<Long, CellHistory> cells, MapState<String, Long> incidents)
      implements HistoryStore {
    @Override
    public CellHistory cell(long cell) throws Exception {
      return cells.get(cell);
    }

    @Override
    public void putCell(long cell, CellHistory history) throws Exception {
      cells.put(cell, history);
    }

    @Override
    public void removeCell(long cell) throws Exception {
      cells.remove(cell);
    }

    @Override
    public long cellOfIncident(String incidentId) throws Exception {
      Long cell = incidents.get(incidentId);
      return cell == null ? NO_CELL : cell;
    }

    @Override
    public void putIncident(String incidentId, long cell) throws Exception {
      incidents.put(incidentId, cell);
    }

    @Override
    public void removeIncident(String incidentId) throws Exception {
      incidents.remove(incidentId);
    }
  }
}
