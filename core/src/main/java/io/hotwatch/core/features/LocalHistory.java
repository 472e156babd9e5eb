package io.hotwatch.core.features;

import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.ObjectLongHashMap;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recent local history of an incident: how many incidents of each category happened in its H3 cell and the ring of six
 * cells around it over the last day and the last seven days, and how many in its own cell. One implementation, used
 * by training and evaluation over a time-ordered corpus ({@link Sequence}) and by the streaming job over keyed state.
 *
 * <p>Layout ({@link #width()} = 2 (k + 1) features for k categories), each value {@code ln(1 + count)}:
 *
 * <ol>
 *   <li>last day: count per category in the cell and its ring, in {@link #categories()} order; then the cell alone
 *   <li>last seven days: the same
 * </ol>
 *
 * <p>What counts for an incident occurring at t:
 *
 * <ul>
 *   <li>incidents that occurred strictly before t, within [t - window, t): an incident at the same instant is never
 *       counted, so the order in which equal times arrive changes nothing;
 *   <li>one entry per incident id, in its latest version recorded so far: a re-report replaces the earlier version
 *       (its cell, time and category); the incident's own id is never counted for itself;
 *   <li>only incidents of a category the model knows (the stream rejects the others before scoring).
 * </ul>
 *
 * <p>The counts are of what has been {@link #record recorded} before {@link #write} is called: over a time-ordered
 * sequence that is everything before the incident. Whoever calls it out of order gets the counts of what it has seen;
 * the streaming job releases incidents in event-time order at each watermark, so only incidents arriving behind the
 * watermark see less (see docs/MODEL.md).
 *
 * <p>Cells are H3's 64-bit indexes, kept in the store under {@link #keyOf their keys}; each cell's ring is asked of H3
 * once and kept ({@link CellRings}), and each cell's entries are kept in time order ({@link CellHistory}), so an
 * incident costs a binary search and a scan of the last week in each of the seven cells, and adding it costs no copy
 * of a cell. Instances are thread-safe; the store is not.
 */
public final class LocalHistory {

  public static final Duration SHORT_WINDOW = Duration.ofDays(1);
  public static final Duration LONG_WINDOW = Duration.ofDays(7);

  /** Rings of neighbours around the incident's cell that count: one, the six cells that touch it. */
  public static final int RING = 1;

  private static final long SHORT_MS = SHORT_WINDOW.toMillis();
  private static final long LONG_MS = LONG_WINDOW.toMillis();

  /** ln(1 + n) for the counts up to a few thousand: a week around a cell rarely holds more. */
  private static final float[] LOG1P = new float[4096];

  static {
    for (int n = 0; n < LOG1P.length; n++) {
      LOG1P[n] = (float) Math.log1p(n);
    }
  }

  private final List<String> categories;
  private final Map<String, Integer> groups = new HashMap<>();
  private final int resolution;
  private final CellRings rings;
  private final ThreadLocal<Around> around = ThreadLocal.withInitial(Around::new);

  /** Counts by {@code categories} (the model's outputs) around cells of H3 {@code resolution}. */
  public LocalHistory(List<String> categories, int resolution) {
    if (categories.isEmpty() || categories.size() > 1 << CellHistory.GROUP_BITS) {
      throw new IllegalArgumentException(
          "local history needs between 1 and " + (1 << CellHistory.GROUP_BITS) + " categories, not "
              + categories.size());
    }
    if (resolution < 0 || resolution > 15) {
      throw new IllegalArgumentException("H3 resolution " + resolution + " is outside [0, 15]");
    }
    this.categories = List.copyOf(categories);
    this.categories.forEach(c -> groups.put(c, groups.size()));
    this.resolution = resolution;
    this.rings = new CellRings(resolution, RING);
  }

  public List<String> categories() {
    return categories;
  }

  /** H3 resolution of the cells counted in. */
  public int resolution() {
    return resolution;
  }

  /** Features per incident. */
  public int width() {
    return 2 * (categories.size() + 1);
  }

  /** A readable name per feature, in order. */
  public List<String> featureNames() {
    List<String> names = new ArrayList<>();
    for (String window : List.of("1d", "7d")) {
      categories.forEach(c -> names.add("history." + window + ".ring." + c));
      names.add("history." + window + ".cell");
    }
    return names;
  }

  /**
   * The key a {@link HistoryStore} keeps the entries of {@code cell} (a 64-bit H3 index at {@link #resolution()})
   * under: the index without its unused low digits, which spreads well in hash maps (see {@link CellRings}).
   */
  public long keyOf(long cell) {
    return rings.keyOf(cell);
  }

  /** The 64-bit H3 index of the cell a store keeps under {@code key}. */
  public long cellOf(long key) {
    return rings.cellOf(key);
  }

  /**
   * Writes the features of {@code incident}, which lies in {@code cell}, from what {@code store} holds (without
   * recording it) into {@code out} from {@code offset} on.
   */
  public void write(HistoryStore store, long cell, Incident incident, float[] out, int offset) throws Exception {
    Around around = this.around.get().fill(store, keyOf(cell), incident);
    try {
      write(around, incident, out, offset);
    } finally {
      around.clear();
    }
  }

  /**
   * {@link #write}, then {@link #record}, then {@link #forget} in the incident's cell of what occurred before
   * {@code forgetBefore}, with each of the store's cells and the incident's earlier version asked for once instead
   * of once per step: the stream's scorer and {@link Sequence} take every incident this way. {@code Long.MIN_VALUE}
   * forgets nothing.
   */
  public void writeThenRecord(
      HistoryStore store, long cell, Incident incident, float[] out, int offset, long forgetBefore) throws Exception {
    Around around = this.around.get().fill(store, keyOf(cell), incident);
    try {
      write(around, incident, out, offset);
      record(around, incident, forgetBefore);
    } finally {
      around.clear();
    }
  }

  private void write(Around around, Incident incident, float[] out, int offset) {
    int k = categories.size();
    int[] counts = around.counts;
    java.util.Arrays.fill(counts, 0);
    long t = incident.occurredAt().toEpochMilli();
    long shortFrom = t - SHORT_MS;
    long longFrom = t - LONG_MS;
    for (int c = 0; c < around.ring.length; c++) {
      CellHistory history = around.histories[c];
      if (history == null) {
        continue;
      }
      long inWindows = history.addCounts(longFrom, shortFrom, t, counts, 0, k + 1);
      if (c == around.own) {
        counts[2 * k + 1] += (int) (inWindows >>> 32);
        counts[k] += (int) inWindows;
      }
    }
    uncountEarlierVersion(around, incident, counts);
    for (int i = 0; i < counts.length; i++) {
      out[offset + i] = log1p(counts[i]);
    }
  }

  /**
   * What one incident's steps read from the store: its cell's key, the keys of the cell and its ring with each one's
   * history (null for none), and the key of the cell its id's earlier version is kept in, with that cell's history.
   * One per thread, filled again for each incident, with the counts' array: the stream's scorer takes
   * every incident through it, and a few hundred bytes allocated per incident were a large part of what it wrote to
   * memory.
   */
  private final class Around {
    HistoryStore store;
    long key;
    long[] ring;
    CellHistory[] histories = new CellHistory[7];
    /** Index of the incident's own cell in {@link #ring}. */
    int own;
    long previous;
    /** Index of {@link #previous} in {@link #ring}, -1 when it is outside (or there is none). */
    int previousInRing;
    final int[] counts = new int[width()];

    Around fill(HistoryStore store, long key, Incident incident) throws Exception {
      this.store = store;
      this.key = key;
      this.ring = rings.around(key);
      if (histories.length < ring.length) {
        histories = new CellHistory[ring.length];
      }
      this.previous = store.cellOfIncident(incident.id());
      int ownAt = -1;
      int previousAt = -1;
      for (int c = 0; c < ring.length; c++) {
        histories[c] = store.cell(ring[c]);
        ownAt = ring[c] == key ? c : ownAt;
        previousAt = ring[c] == previous ? c : previousAt;
      }
      this.own = ownAt;
      this.previousInRing = previous == HistoryStore.NO_CELL ? -1 : previousAt;
      return this;
    }

    /** The history of the cell of {@code cellKey}: the one read already when it is in the ring. */
    CellHistory history(long cellKey) throws Exception {
      for (int c = 0; c < ring.length; c++) {
        if (ring[c] == cellKey) {
          return histories[c];
        }
      }
      return store.cell(cellKey);
    }

    /** Lets go of the store and its cells, which the thread's instance would otherwise keep reachable. */
    void clear() {
      store = null;
      java.util.Arrays.fill(histories, null);
    }
  }

  /**
   * Takes back what an earlier version of the incident (a re-report's) added to {@code counts}: a store holds at most
   * one entry per id, in the cell {@link HistoryStore#cellOfIncident} names, so this finds it without comparing the
   * id of every entry counted.
   */
  private void uncountEarlierVersion(Around around, Incident incident, int[] counts) {
    if (around.previousInRing < 0) {
      return;
    }
    CellHistory history = around.histories[around.previousInRing];
    int entry = history == null ? -1 : history.indexOf(incident.id());
    if (entry < 0) {
      return;
    }
    long t = incident.occurredAt().toEpochMilli();
    long time = history.timeAt(entry);
    if (time < t - LONG_MS || time >= t) {
      return;
    }
    int k = categories.size();
    int group = history.groupAt(entry);
    boolean own = around.previous == around.key;
    counts[k + 1 + group]--;
    counts[2 * k + 1] -= own ? 1 : 0;
    if (time >= t - SHORT_MS) {
      counts[group]--;
      counts[k] -= own ? 1 : 0;
    }
  }

  /** {@code (float) Math.log1p(count)}, from a table for the counts that occur most. */
  static float log1p(int count) {
    return count < LOG1P.length ? LOG1P[count] : (float) Math.log1p(count);
  }

  /**
   * Records {@code incident} in {@code cell} as the latest version of its id, taking an earlier version out of the cell
   * it was recorded in; an incident of a category outside {@link #categories()} is not recorded.
   */
  public void record(HistoryStore store, long cell, Incident incident) throws Exception {
    long key = keyOf(cell);
    String id = incident.id();
    long previous = store.cellOfIncident(id);
    CellHistory before = previous == HistoryStore.NO_CELL ? null : store.cell(previous);
    CellHistory history = previous == key ? before : store.cell(key);
    record(store, key, incident, previous, before, history, Long.MIN_VALUE);
  }

  private void record(Around around, Incident incident, long forgetBefore) throws Exception {
    CellHistory before = around.previous == HistoryStore.NO_CELL ? null : around.history(around.previous);
    record(around.store, around.key, incident, around.previous, before, around.histories[around.own], forgetBefore);
  }

  /**
   * The record step, given what was read: {@code previous} the cell of the id's earlier version with its history
   * {@code before}, and {@code history} that of the incident's own cell {@code key} (null for none). Then the own
   * cell forgets what occurred before {@code forgetBefore}, as {@link #forget} does.
   */
  private void record(
      HistoryStore store, long key, Incident incident, long previous, CellHistory before, CellHistory history,
      long forgetBefore) throws Exception {
    Integer group = groups.get(incident.category());
    if (group == null) {
      return;
    }
    String id = incident.id();
    if (previous != HistoryStore.NO_CELL && previous != key) {
      if (before != null && before.remove(id) > 0) {
        put(store, previous, before);
      }
    }
    if (history == null) {
      history = new CellHistory();
    } else if (previous == key) {
      history.remove(id);
    }
    history.add(id, incident.occurredAt().toEpochMilli(), group);
    if (forgetBefore != Long.MIN_VALUE) {
      dropOlder(store, key, history, forgetBefore);
    }
    put(store, key, history);
    if (previous != key) {
      store.putIncident(id, key);
    }
  }

  /** Drops the cell's entries that occurred before {@code millis}: no incident after {@code millis + 7 days} needs them. */
  public void forget(HistoryStore store, long cell, long millis) throws Exception {
    long key = keyOf(cell);
    CellHistory history = store.cell(key);
    if (history == null) {
      return;
    }
    if (dropOlder(store, key, history, millis)) {
      put(store, key, history);
    }
  }

  /**
   * Drops from {@code history}, the cell of {@code key}, its entries before {@code millis}, with their ids' cells;
   * whether there were any (the caller puts the history back). A store holds one entry per id, in the cell it names
   * for the id ({@link #record} moves both together), so an entry's id names this cell and is removed unasked.
   */
  private static boolean dropOlder(HistoryStore store, long key, CellHistory history, long millis) throws Exception {
    int older = history.firstAtOrAfter(millis);
    if (older == 0) {
      return false;
    }
    for (int e = 0; e < older; e++) {
      store.removeIncident(history.idAt(e));
    }
    history.dropOldest(older);
    return true;
  }

  /** Start of the window the latest of incidents at {@code millis} looks back to: older entries can be forgotten. */
  public static long horizon(long millis) {
    return millis - LONG_MS;
  }

  private static void put(HistoryStore store, long key, CellHistory history) throws Exception {
    if (history.isEmpty()) {
      store.removeCell(key);
    } else {
      store.putCell(key, history);
    }
  }

  /** A fresh in-memory history that takes incidents one after the other, in time order. */
  public Sequence sequence() {
    return new Sequence(this);
  }

  /**
   * Local history over a sequence of incidents taken in time order, in memory: each incident gets the features of the
   * incidents given before it, then joins the history. Entries older than the window of the latest incident in their
   * cell are forgotten as the sequence moves on. Not thread-safe.
   */
  public static final class Sequence {

    private final LocalHistory history;
    private final CellIndex cells;
    private final InMemory store = new InMemory();

    private Sequence(LocalHistory history) {
      this.history = history;
      this.cells = new CellIndex(history.resolution());
    }

    /** The incident in its cell with the features of what came before it; then it is recorded. */
    public IncidentContext next(Incident incident) {
      long cell = cells.cellIdOf(incident.latitude(), incident.longitude());
      float[] features = new float[history.width()];
      try {
        history.writeThenRecord(store, cell, incident, features, 0, horizon(incident.occurredAt().toEpochMilli()));
      } catch (Exception e) {
        throw new IllegalStateException("an in-memory history store failed", e); // maps do not throw
      }
      return new IncidentContext(incident, CellIndex.addressOf(cell), features);
    }

    /** {@link #next} for each incident in order. */
    public List<IncidentContext> next(List<Incident> incidents) {
      List<IncidentContext> out = new ArrayList<>(incidents.size());
      for (Incident incident : incidents) {
        out.add(next(incident));
      }
      return out;
    }
  }

  /**
   * Cells and incident ids in hash maps: the cells in a map keyed by primitive longs (HPPC's), which neither boxes a key
   * per look-up nor compares boxed keys; a week of Chicago's incidents asks it about ten times per incident.
   */
  public static final class InMemory implements HistoryStore {
    private final LongObjectHashMap<CellHistory> cells = new LongObjectHashMap<>();
    private final ObjectLongHashMap<String> incidents = new ObjectLongHashMap<>();

    @Override
    public CellHistory cell(long cell) {
      return cells.get(cell);
    }

    @Override
    public void putCell(long cell, CellHistory history) {
      cells.put(cell, history);
    }

    @Override
    public void removeCell(long cell) {
      cells.remove(cell);
    }

    @Override
    public long cellOfIncident(String incidentId) {
      // NO_CELL is 0, the map's value for a missing key
      return incidents.get(incidentId);
    }

    @Override
    public void putIncident(String incidentId, long cell) {
      incidents.put(incidentId, cell);
    }

    @Override
    public void removeIncident(String incidentId) {
      incidents.remove(incidentId);
    }

    /** Cells with entries kept. */
    public int cellCount() {
      return cells.size();
    }

    /** Incident ids kept. */
    public int incidentCount() {
      return incidents.size();
    }
  }
}
