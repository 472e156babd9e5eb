package io.hotwatch.deploy;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import java.time.Instant;

/**
 * One event waiting to be replayed, kept as the parsed record and encoded to JSON only when sent.
 *
 * @param eventTime the time that paces the replay (an incident's occurrence, a post's publication)
 * @param key the Kafka record key (the event's id)
 * @param event an {@link Incident} or a {@link SocialPost}
 */
public record ReplayRecord(Instant eventTime, String key, Object event) {

  public static ReplayRecord of(Incident incident) {
    return new ReplayRecord(incident.occurredAt(), incident.id(), incident);
  }

  public static ReplayRecord of(SocialPost post) {
    return new ReplayRecord(post.postedAt(), post.id(), post);
  }
}
