package io.hotwatch.flink.functions;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.flink.event.ParsedIncident;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Passes valid incidents on and sends rejected records to the {@link #DEAD_LETTERS} side output, counting them. */
public final class RejectRouter extends ProcessFunction<ParsedIncident, Incident> {

  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<DeadLetter>("rejected-incidents") {};

  /** Metric: records of the incidents input that failed parsing or validation. */
  public static final String REJECTED_METRIC = "rejectedIncidents";

  /** Accumulator (reported with the job's result): valid incidents passed on. */
  public static final String VALID_ACCUMULATOR = "validIncidents";

  /** Accumulator (reported with the job's result): rejected records. */
  public static final String REJECTED_ACCUMULATOR = "rejectedIncidents";

  private transient Counter rejected;
  private transient LongCounter validTotal;
  private transient LongCounter rejectedTotal;

  @Override
  public void open(OpenContext openContext) {
    rejected = getRuntimeContext().getMetricGroup().counter(REJECTED_METRIC);
    validTotal = new LongCounter();
    rejectedTotal = new LongCounter();
    getRuntimeContext().addAccumulator(VALID_ACCUMULATOR, validTotal);
    getRuntimeContext().addAccumulator(REJECTED_ACCUMULATOR, rejectedTotal);
  }

  @Override
  public void processElement(ParsedIncident record, Context ctx, Collector<Incident> out) {
    if (record.isRejected()) {
      rejected.inc();
      rejectedTotal.add(1);
      ctx.output(DEAD_LETTERS, record.rejection());
    } else {
      validTotal.add(1);
      out.collect(record.incident());
    }
  }
}
