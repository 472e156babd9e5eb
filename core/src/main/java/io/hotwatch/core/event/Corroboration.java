package io.hotwatch.core.event;

import java.util.List;

/**
 * Social posts that back a hotspot: posts the relevance model calls related, geotagged inside the hotspot's cells and
 * posted during its window. They corroborate; they are never counted as incidents.
 *
 * @param posts how many such posts there are
 * @param postIds their ids, most relevant first (at most {@link #MAX_IDS})
 * @param examples the texts of the most relevant ones (at most {@link #MAX_EXAMPLES})
 * @param simulated true when any of them is simulated (placed by Hotwatch, not posted there): a page must say so
 */
public record Corroboration(int posts, List<String> postIds, List<String> examples, boolean simulated) {

  public static final int MAX_IDS = 50;
  public static final int MAX_EXAMPLES = 3;

  public Corroboration {
    postIds = List.copyOf(postIds);
    examples = List.copyOf(examples);
  }
}
