package io.hotwatch.deploy;

import io.hotwatch.core.social.PostTextPool;
import io.hotwatch.core.social.SimulatedPosts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
      "With --simulate-social-posts POOL, incident replays also send a simulated social stream to 'social-posts' on"
          + " the same clock: real texts from POOL posted 1-10 minutes after a fifth of the incidents, within 150 m"
          + " (a quarter not geotagged), every one marked simulated.",
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

  @Option(
      names = "--simulate-social-posts",
      paramLabel = "POOL",
      description = "Also send simulated posts with real texts from this pool file (e.g. deploy/demo/data/"
          + "social-posts-pool.csv.gz) near and just after the incidents; incident inputs only.")
  Path socialPostPool;

  @Option(
      names = "--social-posts-topic",
      defaultValue = "social-posts",
      paramLabel = "TOPIC",
      description = "Topic for the simulated posts (default: ${DEFAULT-VALUE}).")
  String socialPostsTopic;

  @Option(
      names = "--simulation-seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Seed of the simulated posts: the same inputs and seed give the same posts"
          + " (default: ${DEFAULT-VALUE}).")
  long simulationSeed;

  @Override
  public Integer call() throws Exception {
    ReplayWindow window;
    try {
      window = ReplayWindow.parse(from, to);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (socialPostPool != null && !Files.isRegularFile(socialPostPool)) {
      throw new IOException("social-post pool " + socialPostPool + " does not exist");
    }
    PostTextPool pool = socialPostPool == null ? null : PostTextPool.read(socialPostPool);
    ReplayInput input = ReplayInput.load(inputs, window);
    String target = topic != null ? topic : input.kind().defaultTopic();
    List<Replayer.Feed> feeds = new ArrayList<>(List.of(new Replayer.Feed(input, target)));
    if (pool != null) {
      if (input.kind() != ReplayInput.Kind.INCIDENTS) {
        throw new ParameterException(
            spec.commandLine(), "--simulate-social-posts needs incident inputs; these are social posts already");
      }
      ReplayInput posts = input.simulatedSocialPosts(pool, SimulatedPosts.Settings.demo(simulationSeed));
      feeds.add(new Replayer.Feed(posts, socialPostsTopic));
    }
    Replayer.checkTopics(bootstrapServers, feeds.stream().map(Replayer.Feed::topic).toArray(String[]::new));
    PrintWriter err = spec.commandLine().getErr();
    if (input.outsideWindow() > 0) {
      err.println("left out " + input.outsideWindow() + " events outside the date range");
    }
    if (feeds.size() > 1) {
      err.println("simulating " + feeds.get(1).input().records().size() + " social posts (marked simulated) to '"
          + socialPostsTopic + "' alongside " + input.records().size() + " incidents");
    }
    err.flush();
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
        ProgressBar bar = progressBar(feeds)) {
      ReplayRun run = replayer.start(feeds, record -> bar.step().setExtraMessage(TIME.format(record.eventTime())));
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

  private static ProgressBar progressBar(List<Replayer.Feed> feeds) {
    ProgressBarBuilder builder =
        new ProgressBarBuilder()
            .setTaskName("replay")
            .setInitialMax(feeds.stream().mapToLong(f -> f.input().records().size()).sum())
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
