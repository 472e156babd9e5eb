package io.hotwatch.flink.social;

import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.HotspotAlert;
import java.time.Duration;
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

/**
 * Attaches to every hotspot event the social posts that back it: posts the relevance model calls related, geotagged
 * in one of the hotspot's cells and posted during its window. Posts never change a count; they only corroborate.
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

  /** Metric: hotspot events that left with at least one corroborating post. */
  public static final String CORROBORATED_METRIC = "corroboratedHotspotEvents";

  private static final long HOUR = Duration.ofHours(1).toMillis();

  private static final Comparator<ScoredPost> MOST_RELEVANT_FIRST =
      Comparator.comparingDouble((ScoredPost p) -> -p.relevance()).thenComparing(p -> p.post().id());

  private final long retentionMillis;

  private transient MapState<String, ScoredPost> posts;
  private transient Counter corroborated;

  /** {@code retention}: how long after its posting a post can still back an event (the longest window). */
  public Corroborator(Duration retention) {
    this.retentionMillis = retention.toMillis();
  }

  @Override
  public void open(OpenContext openContext) {
    posts =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("corroborating-posts", Types.STRING,
                TypeInformation.of(ScoredPost.class)));
    corroborated = getRuntimeContext().getMetricGroup().counter(CORROBORATED_METRIC);
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
