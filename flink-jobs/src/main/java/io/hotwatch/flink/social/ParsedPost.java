package io.hotwatch.flink.social;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.SocialPost;

/**
 * One record of the social-posts input after parsing: a valid post or the dead letter explaining its rejection.
 *
 * @param post the parsed post, or null when rejected
 * @param rejection why and what was rejected, or null when parsed
 */
public record ParsedPost(SocialPost post, DeadLetter rejection) {

  /** Timestamp a rejected record reports to the watermark generator: below every real one, so it never moves time. */
  public static final long NO_EVENT_TIME = Long.MIN_VALUE;

  public static ParsedPost valid(SocialPost post) {
    return new ParsedPost(post, null);
  }

  public static ParsedPost rejected(DeadLetter rejection) {
    return new ParsedPost(null, rejection);
  }

  public boolean isRejected() {
    return rejection != null;
  }

  /** The post's time in epoch milliseconds, or {@link #NO_EVENT_TIME} for a rejected record. */
  public long eventTime() {
    return post == null ? NO_EVENT_TIME : post.postedAt().toEpochMilli();
  }
}
