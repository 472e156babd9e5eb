package io.hotwatch.core.event;

import java.time.Instant;
import java.util.List;

/**
 * Posts ahead of the incidents: several social posts the relevance model calls related, placed close together within
 * a short window, where no hotspot is open. Published to the {@code early-signals} topic; it asks for a look, it is
 * not a hotspot (no incident is counted, nothing is tested against the baseline).
 *
 * @param kind always {@code "early-signal"}
 * @param signalId stable id: source, cell and the time of the post that raised it
 * @param raisedAt posting time of the post that completed the group (event time)
 * @param windowStart start of the window the posts were counted in (inclusive)
 * @param windowEnd end of that window (inclusive: the raising post)
 * @param cell the H3 cell of the raising post
 * @param cells that cell and its neighbours: where the counted posts lie
 * @param centroid mean position of the counted posts
 * @param posts how many related posts lie there in the window
 * @param postIds their ids, most relevant first (at most {@link Corroboration#MAX_IDS})
 * @param examples the texts of the most relevant ones (at most {@link Corroboration#MAX_EXAMPLES})
 * @param simulated true when any of them is simulated: a page must say so
 * @param explanation one sentence a dispatcher can read
 */
public record EarlySignal(
    String kind,
    String signalId,
    Instant raisedAt,
    Instant windowStart,
    Instant windowEnd,
    String cell,
    List<String> cells,
    GeoPoint centroid,
    int posts,
    List<String> postIds,
    List<String> examples,
    boolean simulated,
    String explanation) {

  public static final String KIND = "early-signal";
}
