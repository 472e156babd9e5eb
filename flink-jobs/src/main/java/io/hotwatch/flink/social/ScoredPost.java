package io.hotwatch.flink.social;

import io.hotwatch.core.event.SocialPost;

/**
 * A social post with the relevance model's verdict and, when geotagged, its H3 cell.
 *
 * @param post the post
 * @param relevance the model's probability that the post is related to an incident or crisis
 * @param relevant whether that probability reaches the model's threshold
 * @param cell the H3 cell of its coordinates at the engine's resolution, or null when not geotagged
 */
public record ScoredPost(SocialPost post, float relevance, boolean relevant, String cell) {

  /** A post that can corroborate a hotspot: related and placed. */
  public boolean corroborates() {
    return relevant && cell != null;
  }
}
