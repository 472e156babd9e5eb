package io.hotwatch.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hotwatch replay}: sends a data set to Kafka in event-time order at a chosen speed. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays incident files (Chicago crimes, NYPD shootings) to the 'incidents' topic, or social-post files"
          + " (CrisisLexT26 labelled tweets, DC police alerts) to 'social-posts', as JSON keyed by id, in event-time"
          + " order and at N times real time.",
      "Prints 'sent N, rejected M (reasons: ...)' when done; rejected counts the input rows that could not be parsed"
          + " (whatever their date) and records Kafka refused."
    })
public final class ReplayCommand implements Callable<Integer> {

  /** Event times on the progress bar. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "Data file or folder (repeatable; plain or gzipped). All inputs must be of one kind.")
  List<Path> inputs;

  @Option(
      names = "--bootstrap-servers",
      required = true,
      paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(
      names = "--speed",
      defaultValue = "60",
      paramLabel = "N|max",
      converter = SpeedConverter.class,
      description = "Event-time gaps are divided by N; 'max' sends as fast as Kafka takes them (default: ${DEFAULT-VALUE}).")
  ReplaySpeed speed;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      description = "First event time kept (inclusive): 2017-07-04, 2017-07-04T18:00 (both in the data set's zone:"
          + " Chicago, New York, or UTC for CrisisLexT26) or 2017-07-04T23:00:00Z.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      description = "End of the event times kept (exclusive; a plain date includes that whole day). Same forms as --from.")
  String to;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "Topic to send to (default: 'incidents' or 'social-posts' by the kind of input).")
  String topic;

  @Override
  public Integer call() throws Exception {
    ReplayWindow window;
    try {
      window = ReplayWindow.parse(from, to);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    ReplayInput input = ReplayInput.load(inputs, window);
    String target = topic != null ? topic : input.kind().defaultTopic();
    Replayer.checkTopics(bootstrapServers, target);
    PrintWriter err = spec.commandLine().getErr();
    if (input.outsideWindow() > 0) {
      err.println("left out " + input.outsideWindow() + " events outside the date range");
      err.flush();
    }
    PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean reported = new AtomicBoolean();
    Consumer<ReplayResult> report =
        result -> {
          if (reported.compareAndSet(false, true)) {
            out.println(result.summary());
            out.flush();
          }
        };
    ReplayResult result;
    try (Replayer replayer = Replayer.connect(bootstrapServers, speed);
        ProgressBar bar = progressBar(input)) {
      ReplayRun run = replayer.start(input, target, record -> bar.step().setExtraMessage(TIME.format(record.eventTime())));
      // Ctrl-C: stop sending, let the records already handed to Kafka arrive, and still print the summary.
      Thread stopOnExit =
          new Thread(
              () -> {
                run.stop();
                try {
                  report.accept(run.await(Duration.ofSeconds(10)));
                } catch (Exception e) {
                  // exiting anyway; the main thread reports failures
                }
              },
              "hotwatch-replay-stop");
      Runtime.getRuntime().addShutdownHook(stopOnExit);
      try {
        result = run.await();
      } finally {
        removeHook(stopOnExit);
      }
    }
    // After the bar is closed, so its last redraw does not land after the summary on a terminal.
    report.accept(result);
    return 0;
  }

  private static ProgressBar progressBar(ReplayInput input) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName("replay")
            .setInitialMax(input.records().size())
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(500)
            .setUnit(" events", 1);
    if (System.console() == null) {
      // Not a terminal (a pipe, a log file, a test): a bar would only print carriage returns, so draw nothing.
      builder.setConsumer(new DelegatingProgressBarConsumer(line -> {}));
    }
    return builder.build();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting and the hook is running
    }
  }

  /** Picocli converter for {@code --speed}. */
  static final class SpeedConverter implements ITypeConverter<ReplaySpeed> {
    @Override
    public ReplaySpeed convert(String value) {
      return ReplaySpeed.parse(value);
    }
  }
}
