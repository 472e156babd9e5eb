package io.hotwatch.core.hotspot;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The space-time hotspot engine of one city: holds the incidents of the longest window, and at each evaluation step
 * scans the windows due at that step ({@link EngineSettings#scansAt}) for clusters of cells with more incidents than
 * the baseline expects, scores them against the calibrated null distribution, and moves each hotspot through its life
 * (opened, updated, closed). An open hotspot is re-scored at its own window's cadence, or earlier when a cluster
 * scanned at a step overlaps it. Single-threaded and deterministic; the streaming operator and the calibration figures
 * drive this same class.
 */
public final class HotspotEngine {

  /** What became of an incident offered to the engine. */
  public enum Admission {
    ADDED,
    REPLACED,
    /** it occurred further behind the last step than the allowed lateness: not counted */
    TOO_LATE,
    /** its cell is not at the baseline's resolution: not counted */
    WRONG_RESOLUTION
  }

  private record Candidate(ScanCluster cluster, double recurrenceDays) {}

  /**
   * A moment at which an open hotspot's incidents, those of {@code cells} in the window of that length ending at
   * {@code step}, were all among its reported ids; {@code changes} is the store's count of added incidents then.
   * While none of those cells gains an incident, nor holds one from {@code step} on, the hotspot's incidents at a
   * later step (with the same cells and window) are still among the reported ids, so nothing joined it.
   */
  private record Covered(long step, long windowMillis, List<String> cells, long changes) {}

  /** By LLR (to 1e-9, so that rounding does not pick a longer window over an equally strong shorter one). */
  private static final Comparator<Candidate> STRONGEST_FIRST =
      Comparator.<Candidate>comparingLong(c -> -Math.round(c.cluster().llr() * 1e9))
          .thenComparingInt(c -> c.cluster().window())
          .thenComparing(c -> c.cluster().cells().get(0));

  private final String source;
  private final int resolution;
  private final Calibration calibration;
  private final EngineSettings settings;
  private final long stepMillis;
  private final long[] windows;
  /** Index of the longest window. */
  private final int longest;
  private final long[] scanEvery;
  private final ExpectedCounts expected;
  private final IncidentStore store;
  private final ClusterScan scan;
  private final AlertComposer composer;
  private long lastStep = Long.MIN_VALUE;
  private List<OpenHotspot> hotspots = new ArrayList<>();
  private final Map<String, Long> cellsLastHot = new HashMap<>();
  /** At most the oldest step in {@link #cellsLastHot}: entries are only ever set to the current step. */
  private long oldestHot = Long.MAX_VALUE;
  private List<String> evicted = List.of();
  /** By hotspot id; not part of the memory: after a restore the first check builds the ids as before. */
  private final Map<String, Covered> covered = new HashMap<>();
  private double lastMaxLlr;

  public HotspotEngine(String source, BaselineRates baseline, Calibration calibration, EngineSettings settings) {
    calibration.requireFits(settings, baseline.resolution());
    this.source = source;
    this.resolution = baseline.resolution();
    this.calibration = calibration;
    this.settings = settings;
    this.stepMillis = settings.step().toMillis();
    this.windows = settings.windows().stream().mapToLong(Duration::toMillis).toArray();
    int widest = 0;
    for (int w = 1; w < windows.length; w++) {
      widest = windows[w] > windows[widest] ? w : widest;
    }
    this.longest = widest;
    this.scanEvery = IntStream.range(0, windows.length).mapToLong(w -> settings.scanEvery(w).toMillis()).toArray();
    this.expected = new ExpectedCounts(baseline, settings.longestWindowMillis(), calibration.cells());
    this.store =
        new IncidentStore(
            settings,
            new IncidentStore.RegionListener() {
              @Override
              public void joined(String cell) {
                expected.join(cell);
              }

              @Override
              public void left(String cell) {
                expected.leave(cell);
              }
            });
    this.scan = new ClusterScan(settings, new Neighbours());
    this.composer = new AlertComposer(source, resolution, settings, calibration);
  }

  /** An engine in the state described by a memory and the incidents held with it (after a restore). */
  public static HotspotEngine restore(
      String source, BaselineRates baseline, Calibration calibration, EngineSettings settings, EngineMemory memory,
      Iterable<HeldIncident> incidents) {
    HotspotEngine engine = new HotspotEngine(source, baseline, calibration, settings);
    for (HeldIncident incident : incidents) {
      engine.store.add(incident);
    }
    engine.lastStep = memory.lastStep();
    engine.hotspots = new ArrayList<>(memory.hotspots());
    engine.cellsLastHot.putAll(memory.cellsLastHot());
    engine.oldestHot = Long.MIN_VALUE; // worked out at the first step
    return engine;
  }

  /**
   * Offers an incident (a new one, or a new version of one held). {@code now} is the caller's event-time clock (a
   * watermark), or {@link Long#MIN_VALUE}; an incident further behind max(now, last step) than the allowed lateness
   * is not counted.
   */
  public Admission add(HeldIncident incident, long now) {
    long reference = Math.max(now, lastStep);
    if (reference != Long.MIN_VALUE && incident.occurredAt() < reference - settings.allowedLateness().toMillis()) {
      return Admission.TOO_LATE;
    }
    if (CellIndex.resolutionOf(incident.cell()) != resolution) {
      return Admission.WRONG_RESOLUTION;
    }
    return store.add(incident) == null ? Admission.ADDED : Admission.REPLACED;
  }

  /** Takes an incident out of the count; false when no version of it is held. */
  public boolean retract(String incidentId) {
    return store.remove(incidentId) != null;
  }

  /** The first step that counts an incident that occurred at {@code occurredAt}. */
  public long stepAfter(long occurredAt) {
    return Math.floorDiv(occurredAt, stepMillis) * stepMillis + stepMillis;
  }

  /** The step after the last one evaluated, or {@link Long#MIN_VALUE} before the first. */
  public long nextStep() {
    return lastStep == Long.MIN_VALUE ? Long.MIN_VALUE : lastStep + stepMillis;
  }

  public long lastStep() {
    return lastStep;
  }

  /**
   * Evaluates the step at {@code step} (epoch milliseconds, a multiple of the step length, after the last one): moves
   * the windows, drops incidents older than the longest window, scans, and returns the hotspot events it decides.
   */
  public List<HotspotAlert> step(long step) {
    if (step % stepMillis != 0 || (lastStep != Long.MIN_VALUE && step <= lastStep)) {
      throw new IllegalArgumentException(
          "step " + Instant.ofEpochMilli(step) + " is not a step after " + Instant.ofEpochMilli(lastStep));
    }
    expected.moveTo(step);
    store.advance(step);
    evicted = store.evictBefore(step - settings.longestWindowMillis());
    List<Candidate> candidates = candidates(step);
    List<HotspotAlert> alerts = new ArrayList<>();
    Set<String> claimed = new HashSet<>();
    Set<Candidate> taken = new HashSet<>();
    List<OpenHotspot> stillOpen = new ArrayList<>();
    for (OpenHotspot hotspot : hotspots) {
      OpenHotspot continued = continueOrClose(hotspot, step, candidates, taken, claimed, alerts);
      if (continued != null) {
        stillOpen.add(continued);
      }
    }
    for (Candidate candidate : candidates) {
      if (!taken.contains(candidate)
          && candidate.recurrenceDays() >= settings.openRecurrenceDays()
          && candidate.cluster().cells().stream().noneMatch(claimed::contains)) {
        stillOpen.add(open(candidate, step, claimed, alerts));
      }
    }
    hotspots = stillOpen;
    long forgetBefore = step - settings.cellMemory().toMillis();
    // a walk over every remembered cell only when one of them is due to be forgotten
    if (oldestHot < forgetBefore) {
      cellsLastHot.values().removeIf(t -> t < forgetBefore);
      oldestHot = cellsLastHot.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
    }
    lastStep = step;
    return alerts;
  }

  /** Ids of the incidents the last step dropped for age. */
  public List<String> evicted() {
    return evicted;
  }

  /** The largest LLR over every cluster and window at the last step (0 when none): the scan statistic. */
  public double lastMaxLlr() {
    return lastMaxLlr;
  }

  /** Nothing held, nothing open, nothing remembered: the engine's state can be dropped. */
  public boolean isIdle() {
    return store.isEmpty() && hotspots.isEmpty() && cellsLastHot.isEmpty();
  }

  public EngineMemory memory() {
    return new EngineMemory(lastStep, List.copyOf(hotspots), Map.copyOf(cellsLastHot));
  }

  public Collection<HeldIncident> incidents() {
    return store.incidents();
  }

  public List<OpenHotspot> openHotspots() {
    return List.copyOf(hotspots);
  }

  /** Clusters of every window, strongest first, no two sharing a cell. */
  private List<Candidate> candidates(long step) {
    List<Candidate> all = new ArrayList<>();
    for (int w = 0; w < windows.length; w++) {
      if (!scansAt(w, step)) {
        continue;
      }
      for (ScanCluster cluster : scan.scan(w, windows[w], view(w, step))) {
        all.add(new Candidate(cluster, calibration.recurrenceDays(calibration.pValue(cluster.llr()))));
      }
    }
    all.sort(STRONGEST_FIRST);
    lastMaxLlr = all.isEmpty() ? 0 : all.get(0).cluster().llr();
    List<Candidate> disjoint = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (Candidate candidate : all) {
      if (candidate.cluster().cells().stream().noneMatch(used::contains)) {
        used.addAll(candidate.cluster().cells());
        disjoint.add(candidate);
      }
    }
    return disjoint;
  }

  private OpenHotspot continueOrClose(
      OpenHotspot hotspot, long step, List<Candidate> candidates, Set<Candidate> taken, Set<String> claimed,
      List<HotspotAlert> alerts) {
    Candidate match = null;
    for (Candidate candidate : candidates) {
      if (!taken.contains(candidate)
          && candidate.recurrenceDays() >= settings.closeRecurrenceDays()
          && overlaps(candidate.cluster().cells(), hotspot.cells())
          && candidate.cluster().cells().stream().noneMatch(claimed::contains)) {
        match = candidate; // candidates are strongest first
        break;
      }
    }
    if (match != null) {
      taken.add(match);
    } else if (!scansAt(windowIndex(hotspot.windowMillis()), step)) {
      // its window is not scanned at this step: it stands as last scored until its next scan
      claimed.addAll(hotspot.cells());
      return hotspot;
    } else {
      int w = windowIndex(hotspot.windowMillis());
      ScanCluster own = ClusterScan.score(w, windows[w], hotspot.cells(), view(w, step));
      double recurrence = calibration.recurrenceDays(calibration.pValue(own.llr()));
      Candidate longer = recurrence < settings.closeRecurrenceDays() ? inUnscannedWindow(hotspot, w, step, claimed) : null;
      if (longer != null) {
        own = longer.cluster();
        recurrence = longer.recurrenceDays();
      }
      if (recurrence < settings.closeRecurrenceDays() || own.cells().stream().anyMatch(claimed::contains)) {
        alerts.add(
            composer.compose(
                HotspotAlert.CLOSED, hotspot.hotspotId(), hotspot.revision() + 1, step, own,
                store.incidentsIn(own.cells(), step - own.windowMillis(), step), "diminishing"));
        remember(own.cells(), step);
        covered.remove(hotspot.hotspotId());
        return null;
      }
      match = new Candidate(own, recurrence);
    }
    ScanCluster cluster = match.cluster();
    claimed.addAll(cluster.cells());
    remember(cluster.cells(), step);
    int decade = decade(match.recurrenceDays());
    List<Double> history = new ArrayList<>(hotspot.llrHistory());
    history.add(cluster.llr());
    while (history.size() > OpenHotspot.HISTORY) {
      history.remove(0);
    }
    boolean sameDecade = decade == hotspot.reportedDecade();
    List<HeldIncident> incidents = null;
    boolean joined = false;
    if (!sameDecade || !stillCovered(hotspot.hotspotId(), cluster)) {
      incidents = store.incidentsIn(cluster.cells(), step - cluster.windowMillis(), step);
      List<String> ids = incidents.stream().map(HeldIncident::id).toList();
      Set<String> reported = new HashSet<>(hotspot.reportedIds());
      joined = ids.stream().anyMatch(id -> !reported.contains(id));
      if (!joined) {
        covered.put(hotspot.hotspotId(), coveredAt(step, cluster));
      }
    }
    if (!joined && sameDecade) {
      return new OpenHotspot(
          hotspot.hotspotId(), hotspot.revision(), hotspot.openedAt(), cluster.windowMillis(), cluster.cells(),
          hotspot.reportedIds(), hotspot.reportedDecade(), List.copyOf(history), hotspot.openedAs());
    }
    String label = trend(hotspot, history, step);
    alerts.add(
        composer.compose(
            HotspotAlert.UPDATED, hotspot.hotspotId(), hotspot.revision() + 1, step, cluster, incidents, label));
    covered.put(hotspot.hotspotId(), coveredAt(step, cluster));
    return new OpenHotspot(
        hotspot.hotspotId(), hotspot.revision() + 1, hotspot.openedAt(), cluster.windowMillis(), cluster.cells(),
        incidents.stream().map(HeldIncident::id).sorted().toList(), decade, List.copyOf(history), hotspot.openedAs());
  }

  private OpenHotspot open(Candidate candidate, long step, Set<String> claimed, List<HotspotAlert> alerts) {
    ScanCluster cluster = candidate.cluster();
    String label = cluster.cells().stream().anyMatch(cellsLastHot::containsKey) ? "sporadic" : "new";
    String id = source + ":" + cluster.cells().get(0) + ":" + Instant.ofEpochMilli(step);
    List<HeldIncident> incidents = store.incidentsIn(cluster.cells(), step - cluster.windowMillis(), step);
    alerts.add(composer.compose(HotspotAlert.OPENED, id, 0, step, cluster, incidents, label));
    claimed.addAll(cluster.cells());
    remember(cluster.cells(), step);
    covered.put(id, coveredAt(step, cluster));
    return new OpenHotspot(
        id, 0, step, cluster.windowMillis(), cluster.cells(),
        incidents.stream().map(HeldIncident::id).sorted().toList(), decade(candidate.recurrenceDays()),
        List.of(cluster.llr()), label);
  }

  /**
   * At a step that does not scan some window longer than the hotspot's, a cluster there could have continued it, as
   * it would at a step that scans every window: before it closes, those windows are scanned for it (only for it: no
   * hotspot opens from them), so that an ageing burst is followed, not closed and opened again at that window's next
   * scan. Null when none overlaps it strongly enough.
   */
  private Candidate inUnscannedWindow(OpenHotspot hotspot, int w, long step, Set<String> claimed) {
    for (int longer = w + 1; longer < windows.length; longer++) {
      if (scansAt(longer, step)) {
        continue;
      }
      for (ScanCluster cluster : scan.scan(longer, windows[longer], view(longer, step))) {
        double recurrence = calibration.recurrenceDays(calibration.pValue(cluster.llr()));
        if (recurrence >= settings.closeRecurrenceDays()
            && overlaps(cluster.cells(), hotspot.cells())
            && cluster.cells().stream().noneMatch(claimed::contains)) {
          return new Candidate(cluster, recurrence);
        }
      }
    }
    return null;
  }

  private Covered coveredAt(long step, ScanCluster cluster) {
    return new Covered(step, cluster.windowMillis(), cluster.cells(), store.changes());
  }

  /**
   * True when the hotspot's incidents in the cluster are surely all among its reported ids (see {@link Covered}),
   * decided from its cells alone; false when that needs the incidents themselves.
   */
  private boolean stillCovered(String hotspotId, ScanCluster cluster) {
    Covered c = covered.get(hotspotId);
    if (c == null || c.windowMillis() != cluster.windowMillis() || !c.cells().equals(cluster.cells())) {
      return false;
    }
    for (String cell : c.cells()) {
      IncidentStore.CellCounts counts = store.cell(cell);
      if (counts != null && (counts.lastAdded > c.changes() || counts.newest >= c.step())) {
        return false;
      }
    }
    return true;
  }

  /** The window of that length (the longest when none matches: a memory from other settings). */
  private int windowIndex(long windowMillis) {
    int w = 0;
    while (w < windows.length - 1 && windows[w] != windowMillis) {
      w++;
    }
    return w;
  }

  /** Emerging label from the LLR over the last hour of steps. */
  private String trend(OpenHotspot hotspot, List<Double> history, long step) {
    double then = history.get(0);
    double now = history.get(history.size() - 1);
    double margin = Math.max(1, 0.25 * then);
    if (history.size() > 1 && now > then + margin) {
      return "intensifying";
    }
    if (history.size() > 1 && now < then - margin) {
      return "diminishing";
    }
    if (step - hotspot.openedAt() >= Duration.ofHours(1).toMillis()) {
      return "persistent";
    }
    return hotspot.openedAs();
  }

  private WindowView view(int w, long step) {
    long from = step - windows[w];
    // a cell outside the city counts while it holds incidents that occurred in the longest window, not one that
    // occurred after the step: such an incident may or may not have arrived yet, which would make the total
    // depend on how the input was interleaved
    double totalExpected = expected.regionExpected(from, step, cell -> store.count(longest, cell) > 0);
    ExpectedCounts.Span span = expected.new Span(from, step);
    return new WindowView() {
      @Override
      public void forEachCell(int minObserved, CellVisitor visitor) {
        // cells below the busy minimum cannot reach minObserved: walk only the busy ones when that suffices
        List<IncidentStore.CellCounts> cells =
            minObserved >= store.busyMin() ? store.busyCounts(w) : store.activeCounts(w);
        for (IncidentStore.CellCounts counts : cells) {
          int observed = counts.inWindow[w];
          if (observed >= minObserved) {
            visitor.visit(counts.cell, observed, span.of(prefixOf(counts)));
          }
        }
      }

      @Override
      public int observed(String cell) {
        return store.count(w, cell);
      }

      @Override
      public double expected(String cell) {
        IncidentStore.CellCounts counts = store.cell(cell);
        return counts != null ? span.of(prefixOf(counts)) : expected.expected(cell, from, step);
      }

      @Override
      public long total() {
        return store.total(w);
      }

      @Override
      public double totalExpected() {
        return totalExpected;
      }
    };
  }

  private double[] prefixOf(IncidentStore.CellCounts counts) {
    if (counts.prefixBlock != expected.block()) {
      counts.prefix = expected.prefixOf(counts.cell);
      counts.prefixBlock = expected.block();
    }
    return counts.prefix;
  }

  /** {@link EngineSettings#scansAt} without working out the cadence again at every call. */
  private boolean scansAt(int w, long step) {
    return Math.floorMod(step, scanEvery[w]) == 0;
  }

  private void remember(List<String> cells, long step) {
    cells.forEach(c -> cellsLastHot.put(c, step));
    oldestHot = Math.min(oldestHot, step);
  }

  private static boolean overlaps(List<String> a, List<String> b) {
    for (String cell : a) {
      if (b.contains(cell)) {
        return true;
      }
    }
    return false;
  }

  private static int decade(double recurrenceDays) {
    return (int) Math.floor(Math.log10(recurrenceDays));
  }
}
