package io.hotwatch.flink;

import io.hotwatch.flink.event.ParsedIncident;
import io.hotwatch.flink.files.IncidentFileSource;
import io.hotwatch.flink.functions.JsonLines;
import io.hotwatch.flink.functions.LinesFileSink;
import io.hotwatch.flink.functions.RejectRouter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The hotspot job over a bounded source (e.g. incident files) instead of Kafka: the same {@link
 * HotspotJob#defineWorkflow}, its output events written as JSON lines, one object per line with a {@code kind}.
 */
public final class DetectJob {

  /** Stands in for the Kafka settings the file-fed job does not use. */
  public static final String NO_KAFKA = "none";

  public static final String JOB_NAME = "hotwatch-detect";

  /** Accumulators: the lines written of each kind. */
  static final String HOTSPOT_LINES = "hotspotLines";
  static final String TREND_LINES = "trendLines";
  static final String DEAD_LETTER_LINES = "deadLetterLines";

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

  /**
   * Runs the workflow over {@code incidents} to its end, writing each output event to {@code output} (replaced) as a
   * JSON line. The job writes the file itself, from one sink task; the environment must run where the file is (in
   * process, as {@code hotwatch detect} does).
   */
  public static Summary run(
      StreamExecutionEnvironment env, Source<ParsedIncident, ?, ?> incidents, HotspotJobConfig config, Path output)
      throws Exception {
    HotspotJob.configure(env, config);
    // a bounded run wants full network buffers, not a flush every 100 ms; the end of input flushes the rest
    env.setBufferTimeout(-1);
    List<DataStream<byte[]>> lines = new ArrayList<>();
    HotspotJob.defineWorkflow(
        env,
        incidents,
        config,
        new HotspotJob.Sinks(
            hotspots ->
                lines.add(
                    hotspots
                        .map(new JsonLines.Events<>(HOTSPOT_LINES))
                        .name("hotspot alerts as JSON")
                        .uid("hotspot-json")),
            trends ->
                lines.add(trends.map(new JsonLines.Events<>(TREND_LINES)).name("trends as JSON").uid("trend-json")),
            deadLetters ->
                lines.add(
                    deadLetters
                        .map(new JsonLines.DeadLetters(DEAD_LETTER_LINES))
                        .name("dead letters as JSON")
                        .uid("dead-letter-json"))));
    // fail before the job starts when the file cannot be written
    Files.write(output, new byte[0]);
    lines.get(0)
        .union(lines.get(1), lines.get(2))
        .sinkTo(new LinesFileSink(output))
        .name("JSON lines to " + output.getFileName())
        .uid("json-lines-file")
        .setParallelism(1);
    long started = System.nanoTime();
    JobExecutionResult result = env.execute(JOB_NAME);
    return new Summary(
        counter(result, RejectRouter.VALID_ACCUMULATOR),
        counter(result, RejectRouter.REJECTED_ACCUMULATOR),
        counter(result, HOTSPOT_LINES),
        counter(result, TREND_LINES),
        counter(result, DEAD_LETTER_LINES),
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
