package io.hotwatch.flink.functions;

import io.hotwatch.core.event.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/** Counts every dead letter on its way to the sink, whatever made it one, as the metric {@code deadLetters}. */
public final class DeadLetterCounter extends RichMapFunction<DeadLetter, DeadLetter> {

  private static final long serialVersionUID = 1L;

  /** Metric: dead letters written (rejected and late records together). */
  public static final String METRIC = "deadLetters";

  private transient Counter deadLetters;

  @Override
  public void open(OpenContext openContext) {
    deadLetters = getRuntimeContext().getMetricGroup().counter(METRIC);
  }

  @Override
  public DeadLetter map(DeadLetter letter) {
    deadLetters.inc();
    return letter;
  }
}
