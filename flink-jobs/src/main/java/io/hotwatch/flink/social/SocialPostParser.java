package io.hotwatch.flink.social;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.flink.functions.JsonRecordParser;
import java.time.Clock;

/**
 * Parses social-post JSON as it is read from Kafka. Nothing is dropped and nothing throws: a record that fails
 * becomes a {@link ParsedPost} carrying a dead letter with the reason and the original payload.
 */
public final class SocialPostParser extends JsonRecordParser<ParsedPost> {

  private static final long serialVersionUID = 1L;

  public SocialPostParser() {
    this(Clock.systemUTC());
  }

  /** The clock decides what "in the future" means for posting times and stamps the dead letters. */
  public SocialPostParser(Clock clock) {
    super(clock, ParsedPost.class);
  }

  @Override
  protected ParsedPost decode(EventCodec codec, String payload) throws InvalidRecordException {
    return ParsedPost.valid(codec.decodeSocialPost(payload));
  }

  @Override
  protected ParsedPost rejected(DeadLetter rejection) {
    return ParsedPost.rejected(rejection);
  }
}
