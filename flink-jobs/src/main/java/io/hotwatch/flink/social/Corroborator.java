package io.hotwatch.flink.social;

import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.EarlySignal;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Attaches to every hotspot event the social posts that back it: posts the relevance model calls related, geotagged
 * in one of the hotspot's cells and posted during its window. Posts never change a count; they only corroborate.
 *
 * <p>Posts can also come first: when at least {@code signalPosts} related posts lie in one cell and its neighbours
 * within {@code signalWindow} of the newest, and no open hotspot covers any of those cells, an {@link EarlySignal}
 * goes to {@link #EARLY_SIGNALS} (one per group: none while a cell of it raised one within the window). Open hotspots are known from the events passing
 * through.
 *
 * <p>An event leaves as soon as it arrives, with the posts held at that moment (a dispatcher must not wait for a
 * social feed that may be slow or silent); a post that arrives later shows on the hotspot's next event. Related,
 * placed posts are held, by id (a repeated post counts once), for {@code retention} of event time after they were
 * posted, then dropped by a timer. Both inputs are keyed by one key: the posts of a city meet all of its hotspots.
 */
public final class Corroborator extends KeyedCoProcessFunction<String, HotspotAlert, ScoredPost, HotspotAlert> {

  private static final long serialVersionUID = 1L;

  /** The one key of both inputs. */
  public static final String KEY = "city";

  /** Early signals raised by posts where no hotspot is open. */
  public static final OutputTag<EarlySignal> EARLY_SIGNALS = new OutputTag<>("early-signals",
      TypeInformation.of(EarlySignal.class));

  /** Metric: early signals raised. */
  public static final String SIGNALS_METRIC = "earlySignals";

  /** Metric: hotspot events that left with at least one corroborating post. */
  public static final String CORROBORATED_METRIC = "corroboratedHotspotEvents";

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private static final Comparator<ScoredPost> MOST_RELEVANT_FIRST =
      Comparator.comparingDouble((ScoredPost p) -> -p.relevance()).thenComparing(p -> p.post().id());

  private final long retentionMillis;
  private final long signalWindowMillis;
  private final int signalPosts;

  private transient MapState<String, ScoredPost> posts;
  /** Open hotspots: id to its cells, comma-separated. */
  private transient MapState<String, String> openHotspots;
  /** Per cell, the posting time of the post that last raised a signal there. */
  private transient MapState<String, Long> lastSignal;
  private transient Counter corroborated;
  private transient Counter signals;

  /**
   * {@code retention}: how long after its posting a post can still back an event (the longest window); an early
   * signal needs {@code signalPosts} related posts within {@code signalWindow}.
   */
  public Corroborator(Duration retention, Duration signalWindow, int signalPosts) {
    if (signalPosts < 1 || signalWindow.isNegative() || signalWindow.isZero()) {
      throw new IllegalArgumentException("an early signal needs at least one post in a positive window, got "
          + signalPosts + " in " + signalWindow);
    }
    this.retentionMillis = retention.toMillis();
    this.signalWindowMillis = signalWindow.toMillis();
    this.signalPosts = signalPosts;
  }

  @Override
  public void open(OpenContext openContext) {
    posts =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("corroborating-posts", Types.STRING,
                TypeInformation.of(ScoredPost.class)));
    openHotspots =
        getRuntimeContext().getMapState(new MapStateDescriptor<>("open-hotspot-cells", Types.STRING, Types.STRING));
    lastSignal =
        getRuntimeContext().getMapState(new MapStateDescriptor<>("last-early-signal", Types.STRING, Types.LONG));
    corroborated = getRuntimeContext().getMetricGroup().counter(CORROBORATED_METRIC);
    signals = getRuntimeContext().getMetricGroup().counter(SIGNALS_METRIC);
  }

  @Override
  public void processElement1(HotspotAlert alert, Context ctx, Collector<HotspotAlert> out) throws Exception {
    Set<String> cells = new HashSet<>(alert.cells());
    long from = alert.windowStart().toEpochMilli();
    long to = alert.windowEnd().toEpochMilli();
    List<ScoredPost> backing = new ArrayList<>();
    for (ScoredPost post : posts.values()) {
      long at = post.post().postedAt().toEpochMilli();
      if (cells.contains(post.cell()) && at >= from && at < to) {
        backing.add(post);
      }
    }
    backing.sort(MOST_RELEVANT_FIRST);
    if (!backing.isEmpty()) {
      corroborated.inc();
    }
    if (HotspotAlert.CLOSED.equals(alert.type())) {
      openHotspots.remove(alert.hotspotId());
    } else {
      openHotspots.put(alert.hotspotId(), String.join(",", alert.cells()));
    }
    out.collect(alert.withCorroboration(corroboration(backing)));
  }

  @Override
  public void processElement2(ScoredPost post, Context ctx, Collector<HotspotAlert> out) throws Exception {
    if (!post.corroborates()) {
      return;
    }
    posts.put(post.post().id(), post);
    // one timer per hour of posting time at most: the hour's posts leave together
    long hourEnd = Math.floorDiv(post.post().postedAt().toEpochMilli(), HOUR) * HOUR + HOUR;
    ctx.timerService().registerEventTimeTimer(hourEnd + retentionMillis);
    EarlySignal signal = signalFrom(post);
    if (signal != null) {
      signals.inc();
      ctx.output(EARLY_SIGNALS, signal);
    }
  }

  /** The early signal this post completes, or null. */
  private EarlySignal signalFrom(ScoredPost newest) throws Exception {
    long at = newest.post().postedAt().toEpochMilli();
    List<String> near = CellIndex.disk(newest.cell(), 1);
    Set<String> nearSet = new HashSet<>(near);
    for (String cell : near) {
      // one signal for one group: a neighbour that raised one in the window has raised this one
      Long last = lastSignal.get(cell);
      if (last != null && at - last < signalWindowMillis) {
        return null;
      }
    }
    for (String cells : openHotspots.values()) {
      for (String cell : cells.split(",")) {
        if (nearSet.contains(cell)) {
          return null;
        }
      }
    }
    List<ScoredPost> group = new ArrayList<>();
    for (ScoredPost post : posts.values()) {
      long t = post.post().postedAt().toEpochMilli();
      if (nearSet.contains(post.cell()) && t <= at && t > at - signalWindowMillis) {
        group.add(post);
      }
    }
    if (group.size() < signalPosts) {
      return null;
    }
    group.sort(MOST_RELEVANT_FIRST);
    lastSignal.put(newest.cell(), at);
    Corroboration what = corroboration(group);
    double lat = 0;
    double lon = 0;
    for (ScoredPost post : group) {
      lat += post.post().latitude();
      lon += post.post().longitude();
    }
    Instant raised = newest.post().postedAt();
    long minutes = signalWindowMillis / 60_000;
    String explanation =
        group.size() + " related social posts" + (what.simulated() ? " (simulated)" : "") + " within " + minutes
            + " minutes around one place where no hotspot is open; no incident has been counted for them";
    return new EarlySignal(
        EarlySignal.KIND, "social:" + newest.cell() + ":" + raised, raised, raised.minusMillis(signalWindowMillis),
        raised, newest.cell(), near, new GeoPoint(lat / group.size(), lon / group.size()), group.size(),
        what.postIds(), what.examples(), what.simulated(), explanation);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<HotspotAlert> out) throws Exception {
    long before = timestamp - retentionMillis;
    List<String> old = new ArrayList<>();
    for (Map.Entry<String, ScoredPost> entry : posts.entries()) {
      if (entry.getValue().post().postedAt().toEpochMilli() < before) {
        old.add(entry.getKey());
      }
    }
    for (String id : old) {
      posts.remove(id);
    }
    List<String> quiet = new ArrayList<>();
    for (Map.Entry<String, Long> entry : lastSignal.entries()) {
      if (entry.getValue() < before) {
        quiet.add(entry.getKey());
      }
    }
    for (String cell : quiet) {
      lastSignal.remove(cell);
    }
  }

  /** The posts as an event shows them: all counted, the most relevant named and quoted. */
  static Corroboration corroboration(List<ScoredPost> backing) {
    List<String> ids = new ArrayList<>();
    List<String> examples = new ArrayList<>();
    boolean simulated = false;
    for (ScoredPost post : backing) {
      if (ids.size() < Corroboration.MAX_IDS) {
        ids.add(post.post().id());
      }
      if (examples.size() < Corroboration.MAX_EXAMPLES) {
        examples.add(post.post().text());
      }
      simulated |= post.post().simulated();
    }
    return new Corroboration(backing.size(), ids, examples, simulated);
  }
}
