package io.hotwatch.deploy;

import io.hotwatch.core.event.Incident;
import io.hotwatch.flink.DetectJob;
import io.hotwatch.flink.HotspotJobConfig;
import io.hotwatch.flink.files.IncidentFileSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hotwatch detect}: the hotspot job over incident files, bounded, its output events as JSON lines. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the hotspot job over incident files (Chicago crimes, NYPD shootings) instead of Kafka: the files are read,"
          + " ordered by event time and fed to the same streaming workflow, in-process. Each output event is one JSON"
          + " object per line with a 'kind' (hotspot, dead-letter).",
      "Prints 'detect: N incidents, ... records/s' when done."
    })
public final class DetectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      arity = "1..*",
      paramLabel = "FILE",
      description = "Incident file (repeatable; plain or gzipped).")
  List<Path> inputs;

  @Option(
      names = "--output",
      paramLabel = "FILE.jsonl",
      description = "Where the output events are written, one JSON object per line (required unless --read-only).")
  Path output;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First event time kept (inclusive): 2017-07-04, 2017-07-04T18:00 (in the data set's zone) or"
          + " 2017-07-04T23:00:00Z.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "End of the event times kept (exclusive; a plain date includes that whole day).")
  String to;

  @Option(
      names = "--model-dir",
      paramLabel = "DIR",
      description = "Model artifact directory (default: the bundled model)")
  Path modelDir;

  @Option(
      names = "--parallelism",
      defaultValue = "0",
      description = "Operator parallelism, 0 for one per core (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(
      names = "--read-only",
      description = "Only read, parse and order the input (no detection, no output): the input's share of a run.")
  boolean readOnly;

  @Override
  public Integer call() throws Exception {
    try {
      ReplayWindow.parse(from, to);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (output == null && !readOnly) {
      throw new ParameterException(spec.commandLine(), "--output is required (or --read-only)");
    }
    for (Path input : inputs) {
      if (ReplayInput.kindOf(input) != ReplayInput.Kind.INCIDENTS) {
        throw new IOException("input " + input + " is not an incident file (Chicago crimes or NYPD shootings CSV)");
      }
    }
    IncidentFileSource source = new IncidentFileSource(inputs, new InDateRange(from, to));
    int slots = parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(slots, new Configuration());

    DetectJob.Summary summary;
    if (readOnly) {
      summary = DetectJob.readOnly(env, source);
    } else {
      Path model = modelDir != null ? modelDir : Path.of(System.getProperty("hotwatch.home", "."))
          .resolve(HotspotJobConfig.BUNDLED_MODEL);
      HotspotJobConfig config = DetectJob.fileConfig(model).withParallelism(slots);
      summary = DetectJob.run(env, source, config, output);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(summary(summary, readOnly));
    out.flush();
    return 0;
  }

  static String summary(DetectJob.Summary s, boolean readOnly) {
    double seconds = s.elapsed().toMillis() / 1000.0;
    String rate = String.format(Locale.ROOT, "in %.1f s: %,.0f records/s", seconds, s.recordsPerSecond());
    if (readOnly) {
      return String.format(Locale.ROOT, "detect: read %d incidents, %d rejected rows %s", s.incidents(), s.rejected(),
          rate);
    }
    return String.format(
        Locale.ROOT, "detect: %d incidents, %d rejected rows, %d hotspot events, %d trends, %d dead letters %s",
        s.incidents(), s.rejected(), s.hotspotEvents(), s.trends(), s.deadLetters(), rate);
  }

  /** The date range of {@code --from}/{@code --to}, read in each incident's data-set zone, as the replay reads it. */
  static final class InDateRange implements IncidentFileSource.Filter {
    private static final long serialVersionUID = 1L;
    private final String from;
    private final String to;
    private transient ReplayWindow window;

    InDateRange(String from, String to) {
      this.from = from;
      this.to = to;
    }

    @Override
    public boolean keepsAll() {
      return window().isAll();
    }

    @Override
    public boolean test(Incident incident) {
      return window().isAll() || window().contains(incident.occurredAt(), ReplayInput.zoneOf(incident.source()));
    }

    private ReplayWindow window() {
      if (window == null) {
        window = ReplayWindow.parse(from, to);
      }
      return window;
    }
  }
}
