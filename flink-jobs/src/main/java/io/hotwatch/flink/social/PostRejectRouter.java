package io.hotwatch.flink.social;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.SocialPost;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes valid posts on and sends rejected records to the {@link #DEAD_LETTERS} side output, counting them. */
public final class PostRejectRouter extends ProcessFunction<ParsedPost, SocialPost> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<DeadLetter>("rejected-posts") {};

  /** Metric: records of the social-posts input that failed parsing or validation. */
  public static final String REJECTED_METRIC = "rejectedPosts";

  private transient Counter rejected;

  @Override
  public void open(OpenContext openContext) {
    rejected = getRuntimeContext().getMetricGroup().counter(REJECTED_METRIC);
  }

  @Override
  public void processElement(ParsedPost record, Context ctx, Collector<SocialPost> out) {
    if (record.isRejected()) {
      rejected.inc();
      ctx.output(DEAD_LETTERS, record.rejection());
    } else {
      out.collect(record.post());
    }
  }
}
