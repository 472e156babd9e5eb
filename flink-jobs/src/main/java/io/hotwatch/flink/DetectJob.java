package io.hotwatch.flink;

import io.hotwatch.flink.event.ParsedIncident;
import io.hotwatch.flink.files.IncidentFileSource;
import io.hotwatch.flink.functions.JsonLines;
import io.hotwatch.flink.functions.RejectRouter;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.CloseableIterator;

/**
 * The hotspot job over a bounded source (e.g. incident files) instead of Kafka: the same {@link
 * HotspotJob#defineWorkflow}, its output events written as JSON lines, one object per line with a {@code kind}.
 */
public final class DetectJob {

  /** Stands in for the Kafka settings the file-fed job does not use. */
  public static final String NO_KAFKA = "none";

  public static final String JOB_NAME = "hotwatch-detect";

  private DetectJob() {}

  /**
   * What a run did.
   *
   * @param incidents valid incidents that entered the workflow
   * @param rejected input records that could not be parsed (each is also a dead-letter line)
   * @param hotspotEvents hotspot alert lines written
   * @param trends trend lines written
   * @param deadLetters dead-letter lines written (rejected and late records)
   * @param elapsed wall time from submission to the last line
   */
  public record Summary(
      long incidents, long rejected, long hotspotEvents, long trends, long deadLetters, Duration elapsed) {

    /** Input records (incidents and rejected rows) per second of wall time. */
    public double recordsPerSecond() {
      return (incidents + rejected) / Math.max(elapsed.toNanos() / 1e9, 1e-9);
    }
  }

  /** Runs the workflow over {@code incidents} to its end, writing each output event to {@code out} as a JSON line. */
  public static Summary run(
      StreamExecutionEnvironment env, Source<ParsedIncident, ?, ?> incidents, HotspotJobConfig config, Writer out)
      throws Exception {
    HotspotJob.configure(env, config);
    List<DataStream<String>> lines = new ArrayList<>();
    HotspotJob.defineWorkflow(
        env,
        incidents,
        config,
        new HotspotJob.Sinks(
            hotspots ->
                lines.add(hotspots.map(new JsonLines.Events<>()).name("hotspot alerts as JSON").uid("hotspot-json")),
            trends -> lines.add(trends.map(new JsonLines.Events<>()).name("trends as JSON").uid("trend-json")),
            deadLetters ->
                lines.add(
                    deadLetters.map(new JsonLines.DeadLetters()).name("dead letters as JSON").uid("dead-letter-json"))));
    CloseableIterator<String> output = lines.get(0).union(lines.get(1), lines.get(2)).collectAsync();
    long started = System.nanoTime();
    JobClient job = env.executeAsync(JOB_NAME);
    long hotspotEvents = 0;
    long trends = 0;
    long deadLetters = 0;
    try (output) {
      while (output.hasNext()) {
        String line = output.next();
        out.write(line);
        out.write('\n');
        if (line.startsWith(JsonLines.DEAD_LETTER_PREFIX)) {
          deadLetters++;
        } else if (line.startsWith(JsonLines.TREND_PREFIX)) {
          trends++;
        } else {
          hotspotEvents++;
        }
      }
    }
    out.flush();
    JobExecutionResult result = job.getJobExecutionResult().get();
    return new Summary(
        counter(result, RejectRouter.VALID_ACCUMULATOR),
        counter(result, RejectRouter.REJECTED_ACCUMULATOR),
        hotspotEvents,
        trends,
        deadLetters,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /**
   * Only reads, parses and orders the input (and routes rejects), discarding it: the share of a run that is input
   * handling, for measuring.
   */
  public static Summary readOnly(StreamExecutionEnvironment env, IncidentFileSource incidents) throws Exception {
    // nothing downstream changes a record, so the chained operators may hand it on instead of copying it
    env.getConfig().enableObjectReuse();
    SingleOutputStreamOperator<?> valid =
        env.fromSource(incidents, WatermarkStrategy.noWatermarks(), "incidents from files")
            .uid("incidents-source")
            .process(new RejectRouter())
            .name("route rejected incidents")
            .uid("reject-router");
    valid.sinkTo(new DiscardingSink<>()).name("discard incidents").uid("discard-incidents");
    valid.getSideOutput(RejectRouter.DEAD_LETTERS)
        .sinkTo(new DiscardingSink<>())
        .name("discard dead letters")
        .uid("discard-dead-letters");
    long started = System.nanoTime();
    JobExecutionResult result = env.execute(JOB_NAME + " (read only)");
    return new Summary(
        counter(result, RejectRouter.VALID_ACCUMULATOR),
        counter(result, RejectRouter.REJECTED_ACCUMULATOR),
        0,
        0,
        0,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Settings for a file-fed run: the job's defaults without Kafka or checkpoints (a bounded run starts over). */
  public static HotspotJobConfig fileConfig(Path modelDir) {
    return HotspotJobConfig.defaults(NO_KAFKA, modelDir).withCheckpointInterval(Duration.ZERO);
  }

  private static long counter(JobExecutionResult result, String name) throws IOException {
    Object value = result.getAccumulatorResult(name);
    if (!(value instanceof Long count)) {
      throw new IOException("the job reported no " + name + " count");
    }
    return count;
  }
}
