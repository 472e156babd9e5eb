package io.hotwatch.core.event;

import java.time.Instant;

/**
 * One social-media post; geotagged posts carry coordinates, others have null latitude and longitude.
 *
 * @param id the platform's own post id
 * @param source data set or feed the post came from
 * @param postedAt when the post was published
 * @param text the post's text
 * @param latitude WGS84 latitude, or null when the post is not geotagged
 * @param longitude WGS84 longitude, or null when the post is not geotagged
 * @param authorHash salted SHA-256 of the author's handle (never the handle itself)
 */
public record SocialPost(
    String id,
    String source,
    Instant postedAt,
    String text,
    Double latitude,
    Double longitude,
    String authorHash) {

  /** How the source of a simulated post starts: real text, placed by Hotwatch at a time and place it chose. */
  public static final String SIMULATED_PREFIX = "simulated-";

  /** True when Hotwatch placed this post (see {@link #SIMULATED_PREFIX}); anything shown from it must say so. */
  public boolean simulated() {
    return source != null && source.startsWith(SIMULATED_PREFIX);
  }

  public boolean geotagged() {
    return latitude != null && longitude != null;
  }
}
