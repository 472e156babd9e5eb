package io.hotwatch.flink;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.EarlySignal;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.social.RelevanceModel;
import io.hotwatch.flink.engine.HotspotEngineFunction;
import io.hotwatch.flink.event.EventTypes;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.IncidentInArea;
import io.hotwatch.flink.event.IncidentInCell;
import io.hotwatch.flink.event.ParsedIncident;
import io.hotwatch.flink.event.ScoredIncident;
import io.hotwatch.flink.functions.CellAssigner;
import io.hotwatch.flink.functions.DeadLetterCounter;
import io.hotwatch.flink.functions.HistoryAreas;
import io.hotwatch.flink.functions.IncidentScorer;
import io.hotwatch.flink.functions.IncidentScores;
import io.hotwatch.flink.functions.IncidentVersions;
import io.hotwatch.flink.functions.RejectRouter;
import io.hotwatch.flink.functions.UncountedIncidents;
import io.hotwatch.flink.kafka.KafkaConnectors;
import io.hotwatch.flink.social.Corroborator;
import io.hotwatch.flink.social.ParsedPost;
import io.hotwatch.flink.social.PostRejectRouter;
import io.hotwatch.flink.social.PostScorer;
import io.hotwatch.flink.social.ScoredPost;
import io.hotwatch.flink.trends.RollingTrends;
import io.hotwatch.flink.trends.TrendSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The streaming job: incidents from Kafka in; hotspot alerts, rolling trends and dead letters out. */
@Command(
    name = "job",
    description = "Runs the hotspot job: incidents in; hotspot alerts, trends and dead letters out (Kafka).")
public final class HotspotJob implements Callable<Integer> {

  public static final String JOB_NAME = "hotwatch-hotspots";

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--bootstrap-servers",
      defaultValue = "localhost:9092",
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
  String bootstrapServers;

  @Option(
      names = "--incidents-topic",
      defaultValue = HotspotJobConfig.INCIDENTS_TOPIC,
      description = "Topic of incident JSON (default: ${DEFAULT-VALUE})")
  String incidentsTopic;

  @Option(
      names = "--hotspot-topic",
      defaultValue = HotspotJobConfig.HOTSPOT_TOPIC,
      description = "Topic the hotspot alerts are written to (default: ${DEFAULT-VALUE})")
  String hotspotTopic;

  @Option(
      names = "--trends-topic",
      defaultValue = HotspotJobConfig.TRENDS_TOPIC,
      description = "Topic the rolling trends are written to (default: ${DEFAULT-VALUE})")
  String trendsTopic;

  @Option(
      names = "--dead-letter-topic",
      defaultValue = HotspotJobConfig.DEAD_LETTER_TOPIC,
      description = "Topic rejected and late records are written to (default: ${DEFAULT-VALUE})")
  String deadLetterTopic;

  @Option(
      names = "--scored-incidents-topic",
      defaultValue = HotspotJobConfig.SCORED_INCIDENTS_TOPIC,
      description = "Topic every counted incident is written to with the model's scores (default: ${DEFAULT-VALUE})")
  String scoredIncidentsTopic;

  @Option(
      names = "--group-id",
      defaultValue = HotspotJobConfig.GROUP_ID,
      description = "Kafka consumer group (default: ${DEFAULT-VALUE})")
  String groupId;

  @Option(
      names = "--model-dir",
      defaultValue = "deploy/demo/model",
      description = "Model artifact directory (default: ${DEFAULT-VALUE})")
  Path modelDir;

  @Option(
      names = "--resolution",
      defaultValue = "8",
      description = "H3 resolution; must be the baseline's (default: ${DEFAULT-VALUE})")
  int resolution;

  @Option(
      names = "--open-recurrence-days",
      defaultValue = "2",
      description = "A hotspot opens when chance would produce a cluster as strong at most once in this many days"
          + " (default: ${DEFAULT-VALUE})")
  double openRecurrenceDays;

  @Option(
      names = "--close-recurrence-days",
      defaultValue = "0.5",
      description = "An open hotspot closes when its recurrence interval falls below this many days"
          + " (default: ${DEFAULT-VALUE})")
  double closeRecurrenceDays;

  @Option(
      names = {"--out-of-orderness", "--max-out-of-orderness"},
      defaultValue = "5min",
      converter = DurationConverter.class,
      description = "Watermark delay behind the newest incident (default: ${DEFAULT-VALUE})")
  Duration maxOutOfOrderness;

  @Option(
      names = "--idleness",
      defaultValue = "1min",
      converter = DurationConverter.class,
      description = "After this long a silent partition stops holding event time (default: ${DEFAULT-VALUE})")
  Duration idleness;

  @Option(
      names = "--batch-size",
      defaultValue = "256",
      description = "Most incidents per model call (default: ${DEFAULT-VALUE})")
  int batchSize;

  @Option(
      names = "--batch-delay",
      defaultValue = "50ms",
      converter = DurationConverter.class,
      description = "Longest wait for a batch to fill (default: ${DEFAULT-VALUE})")
  Duration batchDelay;

  @Option(
      names = "--parallelism",
      defaultValue = "0",
      description = "Operator parallelism, 0 for the environment's default (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Checkpoint interval; output is committed to Kafka once per checkpoint (default: ${DEFAULT-VALUE})")
  Duration checkpointInterval;

  @Option(
      names = "--allowed-lateness",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "How far behind the last evaluation step an incident still counts (default: ${DEFAULT-VALUE})")
  Duration allowedLateness;

  @Option(
      names = "--version-horizon",
      defaultValue = "8d",
      converter = DurationConverter.class,
      description = "How long an incident id is remembered so a re-report replaces it (default: ${DEFAULT-VALUE})")
  Duration versionHorizon;

  @Option(
      names = "--transactional-id-prefix",
      defaultValue = HotspotJobConfig.TRANSACTIONAL_ID_PREFIX,
      description = "Prefix of the Kafka sinks' transactional ids, unique per job (default: ${DEFAULT-VALUE})")
  String transactionalIdPrefix;

  @Option(
      names = "--transaction-timeout",
      defaultValue = "10min",
      converter = DurationConverter.class,
      description = "Kafka transaction timeout, below the broker's transaction.max.timeout.ms"
          + " (default: ${DEFAULT-VALUE})")
  Duration transactionTimeout;

  @Option(
      names = "--state-backend",
      defaultValue = "hashmap",
      converter = StateBackendConverter.class,
      description = "Where keyed state lives: hashmap (heap) or rocksdb (default: ${DEFAULT-VALUE})")
  HotspotJobConfig.StateBackend stateBackend;

  @Option(
      names = "--checkpoint-dir",
      description = "Checkpoint storage (URI or path); default: the job manager's memory")
  String checkpointDir;

  @Option(
      names = "--social-topic",
      description = "Topic of social posts that corroborate hotspots (JSON); none read when not given")
  String socialTopic;

  @Option(
      names = "--relevance-model",
      description = "Relevance model directory for the social posts (default: deploy/demo/relevance-model)")
  Path relevanceModel;

  public static void main(String[] args) {
    int exitCode = new CommandLine(new HotspotJob()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /** Starts the job and waits for it to end (an unbounded job runs until cancelled). */
  @Override
  public Integer call() {
    try {
      JobClient client =
          start(config(), StreamExecutionEnvironment.getExecutionEnvironment(), socialSettings());
      spec.commandLine().getOut().println("hotwatch job: started " + JOB_NAME + " (" + client.getJobID() + ")");
      client.getJobExecutionResult().get();
      return 0;
    } catch (Exception e) {
      spec.commandLine().getErr().println("hotwatch job: " + rootMessage(e));
      return 1;
    }
  }

  /** The configuration the parsed command line gives (read by the deployment tests too). */
  public HotspotJobConfig config() {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, groupId, modelDir, resolution,
        openRecurrenceDays, closeRecurrenceDays, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend,
        checkpointDir, scoredIncidentsTopic);
  }

  /** Where the parsed command line reads social posts, or null when it reads none. */
  public SocialSettings socialSettings() {
    if (socialTopic == null) {
      return null;
    }
    return SocialSettings.of(
        socialTopic, relevanceModel != null ? relevanceModel : HotspotJobConfig.BUNDLED_RELEVANCE_MODEL);
  }

  /**
   * Where the job reads social posts and the model that scores them.
   *
   * @param topic the social-posts topic (JSON, as {@code hotwatch replay} writes it)
   * @param relevanceModelDir a relevance model directory ({@code hotwatch train-relevance})
   * @param signalsTopic where early signals go
   * @param signalWindow how close in time the posts of an early signal are
   * @param signalPosts how many related posts near one another raise an early signal
   */
  public record SocialSettings(
      String topic, Path relevanceModelDir, String signalsTopic, Duration signalWindow, int signalPosts) {

    /** The default early-signal topic, window and group size. */
    public static final String SIGNALS_TOPIC = "early-signals";

    /** Posts of {@code topic} scored by the model in {@code relevanceModelDir}; early signals as documented. */
    public static SocialSettings of(String topic, Path relevanceModelDir) {
      return new SocialSettings(topic, relevanceModelDir, SIGNALS_TOPIC, Duration.ofHours(1), 3);
    }
  }

  /** Social posts for the workflow: where they come from, the model that scores them, early-signal settings. */
  public record SocialInput(Source<ParsedPost, ?, ?> source, SocialSettings settings) {}

  /** Submits the job to the environment the context provides (a cluster under {@code flink run}, else local). */
  public static JobClient run(HotspotJobConfig config) throws Exception {
    return start(config, StreamExecutionEnvironment.getExecutionEnvironment());
  }

  /** Wires the Kafka source and sinks into {@code env} (e.g. a local one for the in-process demo), starts the job. */
  public static JobClient start(HotspotJobConfig config, StreamExecutionEnvironment env) throws Exception {
    return start(config, env, null);
  }

  /** As {@link #start(HotspotJobConfig, StreamExecutionEnvironment)}, reading social posts too unless null. */
  public static JobClient start(HotspotJobConfig config, StreamExecutionEnvironment env, SocialSettings social)
      throws Exception {
    return start(config, env, KafkaConnectors.incidents(config), social);
  }

  /**
   * As {@link #start(HotspotJobConfig, StreamExecutionEnvironment, SocialSettings)} with another incident source,
   * e.g. {@link KafkaConnectors#incidentsUpTo}: a replay whose input ends, so that the end of input moves event time
   * past its last incident and the last hotspots close, as in a run over files.
   */
  public static JobClient start(
      HotspotJobConfig config, StreamExecutionEnvironment env, Source<ParsedIncident, ?, ?> incidents,
      SocialSettings social) throws Exception {
    if (config.checkpointInterval().isZero()) {
      throw new IllegalArgumentException(
          "checkpointInterval is 0, but the exactly-once Kafka sinks commit their output on checkpoints");
    }
    configure(env, config);
    defineWorkflow(
        env,
        incidents,
        social == null
            ? null
            : new SocialInput(KafkaConnectors.socialPosts(config, social.topic()), social),
        config,
        new Sinks(
            hotspots -> hotspots.sinkTo(KafkaConnectors.hotspots(config)).name("hotspot alerts to Kafka").uid("hotspots"),
            trends -> trends.sinkTo(KafkaConnectors.trends(config)).name("trends to Kafka").uid("trends"),
            deadLetters ->
                deadLetters.sinkTo(KafkaConnectors.deadLetters(config)).name("dead letters to Kafka").uid("dead-letters"),
            signals ->
                signals
                    .sinkTo(KafkaConnectors.earlySignals(config, social.signalsTopic()))
                    .name("early signals to Kafka")
                    .uid("early-signals"),
            scored ->
                scored
                    .sinkTo(KafkaConnectors.scoredIncidents(config))
                    .name("scored incidents to Kafka")
                    .uid("scored-incidents")));
    return env.executeAsync(JOB_NAME);
  }

  /**
   * Parallelism, exactly-once checkpoints (when an interval is set) and the state backend, as {@code config} says;
   * object reuse between chained operators.
   */
  public static void configure(StreamExecutionEnvironment env, HotspotJobConfig config) {
    // every event type is an immutable record and no operator changes what it receives or keeps what it emitted:
    // chained operators can hand records over without a serializer copy
    env.getConfig().enableObjectReuse();
    if (config.parallelism() > 0) {
      env.setParallelism(config.parallelism());
    }
    if (!config.checkpointInterval().isZero()) {
      env.enableCheckpointing(config.checkpointInterval().toMillis(), CheckpointingMode.EXACTLY_ONCE);
    }
    Configuration state = new Configuration().set(StateBackendOptions.STATE_BACKEND, config.stateBackend().flinkName());
    if (config.stateBackend() == HotspotJobConfig.StateBackend.ROCKSDB) {
      state.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    }
    if (config.checkpointDir() != null) {
      state.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir());
    }
    env.configure(state);
  }

  /**
   * Where the job's outputs go: Kafka in the job, files or collections in bounded runs and tests. {@code signals}
   * (early signals from social posts) may be null only when the workflow reads no social posts; with
   * {@code scoredIncidents} null the scored incidents are not published.
   */
  public record Sinks(
      Consumer<DataStream<HotspotAlert>> hotspots,
      Consumer<DataStream<TrendEvent>> trends,
      Consumer<DataStream<DeadLetter>> deadLetters,
      Consumer<DataStream<EarlySignal>> signals,
      Consumer<DataStream<IncidentScore>> scoredIncidents) {

    /** Sinks for a workflow without social posts. */
    public Sinks(
        Consumer<DataStream<HotspotAlert>> hotspots,
        Consumer<DataStream<TrendEvent>> trends,
        Consumer<DataStream<DeadLetter>> deadLetters) {
      this(hotspots, trends, deadLetters, null, null);
    }

    /** Sinks that leave the scored incidents unpublished. */
    public Sinks(
        Consumer<DataStream<HotspotAlert>> hotspots,
        Consumer<DataStream<TrendEvent>> trends,
        Consumer<DataStream<DeadLetter>> deadLetters,
        Consumer<DataStream<EarlySignal>> signals) {
      this(hotspots, trends, deadLetters, signals, null);
    }
  }

  /**
   * The pipeline: parse (in the source) → route rejects → H3 cell → model score with local history (keyed by area)
   * → versions per incident id → the space-time hotspot engine, and rolling trends beside it. Rejected incidents and those too late to count go to
   * the dead-letter sink.
   */
  static void defineWorkflow(
      StreamExecutionEnvironment env, Source<ParsedIncident, ?, ?> incidents, HotspotJobConfig config, Sinks sinks)
      throws IOException {
    defineWorkflow(env, incidents, null, config, sinks);
  }

  /**
   * The pipeline, and when {@code social} is not null the social branch: parse → route rejects → relevance score and
   * H3 cell → corroboration of every hotspot event by the related posts in its cells and window.
   */
  static void defineWorkflow(
      StreamExecutionEnvironment env, Source<ParsedIncident, ?, ?> incidents, SocialInput social,
      HotspotJobConfig config, Sinks sinks)
      throws IOException {
    BaselineRates baseline = BaselineRates.load(config.baselineFile());
    Calibration calibration = Calibration.load(config.calibrationFile());
    CellAssigner cells = CellAssigner.matching(baseline, config.resolution());
    checkModel(config.modelDir(), config.resolution());
    // every event type is a POJO or record: a Kryo fallback is a mistake to fail on, not a slowdown to live with
    env.configure(EventTypes.serialization());

    SingleOutputStreamOperator<Incident> valid =
        env.fromSource(incidents, watermarks(config), "incidents")
            .uid("incidents-source")
            .process(new RejectRouter())
            .name("route rejected incidents")
            .uid("reject-router");

    SingleOutputStreamOperator<ScoredIncident> scored =
        score(
            valid.map(cells).name("assign H3 cell").uid("cell-assigner"), config.modelDir(), config.resolution(),
            config.batchSize(), config.batchDelay());

    DataStream<IncidentDelta> deltas = incidentDeltas(scored, config);
    if (sinks.scoredIncidents() != null) {
      sinks.scoredIncidents().accept(
          deltas
              .flatMap(new IncidentScores(config.modelDir().toAbsolutePath().toString()))
              .name("scored incidents as events")
              .uid("incident-scores"));
    }

    SingleOutputStreamOperator<HotspotAlert> hotspots =
        HotspotEngineFunction.attach(deltas, config.engine(), baseline, calibration);

    DataStream<DeadLetter> late =
        hotspots
            .getSideOutput(HotspotEngineFunction.UNCOUNTED)
            .process(
                new UncountedIncidents(
                    config.incidentsTopic(), config.resolution(), config.allowedLateness(), Clock.systemUTC()))
            .name("uncounted incidents to dead letters")
            .uid("late-incidents");

    DataStream<DeadLetter> rejectedPosts = null;
    DataStream<HotspotAlert> published = hotspots;
    if (social != null) {
      if (sinks.signals() == null) {
        throw new IllegalArgumentException("a workflow that reads social posts needs a sink for its early signals");
      }
      Path relevanceModelDir = social.settings().relevanceModelDir();
      RelevanceModel.load(relevanceModelDir); // a bad artifact fails the submission, not every task
      SingleOutputStreamOperator<SocialPost> posts =
          env.fromSource(social.source(), postWatermarks(config), "social posts")
              .uid("social-posts-source")
              .process(new PostRejectRouter())
              .name("route rejected posts")
              .uid("post-reject-router");
      rejectedPosts = posts.getSideOutput(PostRejectRouter.DEAD_LETTERS);
      DataStream<ScoredPost> scoredPosts =
          posts
              .transform(
                  "score posts with the relevance model",
                  TypeInformation.of(ScoredPost.class),
                  new PostScorer(
                      relevanceModelDir.toAbsolutePath().toString(), config.resolution(),
                      config.batchSize(), config.batchDelay().toMillis()))
              .uid("post-scorer");
      SingleOutputStreamOperator<HotspotAlert> corroborated =
          hotspots
              .keyBy(alert -> Corroborator.KEY, Types.STRING)
              .connect(scoredPosts.keyBy(post -> Corroborator.KEY, Types.STRING))
              .process(
                  new Corroborator(
                      config.engine().longestWindow(), social.settings().signalWindow(),
                      social.settings().signalPosts()),
                  TypeInformation.of(HotspotAlert.class))
              .name("corroborate hotspots with social posts")
              .uid("corroborator");
      // at the job's parallelism, not 1: with one key a single subtask does the work, and its output goes forward to
      // one sink subtask, so the events of a hotspot are committed in order (a parallelism change here would spread
      // them round-robin over sink subtasks whose transactions commit independently)
      sinks.signals().accept(corroborated.getSideOutput(Corroborator.EARLY_SIGNALS));
      published = corroborated;
    }
    sinks.hotspots().accept(published);
    sinks.trends().accept(RollingTrends.attach(deltas, TrendSettings.defaults()));
    sinks.deadLetters().accept(
        (rejectedPosts == null
                ? valid.getSideOutput(RejectRouter.DEAD_LETTERS).union(late)
                : valid.getSideOutput(RejectRouter.DEAD_LETTERS).union(late, rejectedPosts))
            .map(new DeadLetterCounter())
            .name("count dead letters")
            .uid("dead-letter-counter"));
  }

  /**
   * Incidents in their cells scored by the category model with their local history: each goes to the areas its cell's
   * ring falls in, keyed by area, and is scored in its own cell's area with the history kept there.
   */
  static SingleOutputStreamOperator<ScoredIncident> score(
      DataStream<IncidentInCell> placed, Path modelDir, int resolution, int batchSize, Duration batchDelay) {
    return placed
        .flatMap(new HistoryAreas(resolution))
        .name("send to the areas of its local history")
        .uid("history-areas")
        .keyBy(IncidentInArea::area, Types.STRING)
        .transform(
            "score with category model and local history",
            TypeInformation.of(ScoredIncident.class),
            // as the client sees it: a relative path would resolve against each task manager's directory
            new IncidentScorer(modelDir.toAbsolutePath().toString(), batchSize, batchDelay.toMillis()))
        .uid("local-history-scorer");
  }

  /**
   * Scored incidents keyed by id become additions and, for re-reports, retractions of the version counted before:
   * the stream every counting stage reads.
   */
  static DataStream<IncidentDelta> incidentDeltas(DataStream<ScoredIncident> scored, HotspotJobConfig config) {
    return scored
        .keyBy(s -> s.incident().id())
        .transform(
            "versions of re-reported incidents",
            TypeInformation.of(IncidentDelta.class),
            new IncidentVersions(config.versionHorizon()))
        .uid("incident-versions");
  }

  /** Event time of a post is its posting time, tracked per Kafka partition; a quiet feed does not hold time back. */
  static WatermarkStrategy<ParsedPost> postWatermarks(HotspotJobConfig config) {
    return WatermarkStrategy.<ParsedPost>forBoundedOutOfOrderness(config.maxOutOfOrderness())
        .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTime())
        .withIdleness(config.idleness());
  }

  /** Event time is the incident's occurrence time, tracked per Kafka partition. */
  static WatermarkStrategy<ParsedIncident> watermarks(HotspotJobConfig config) {
    return WatermarkStrategy.<ParsedIncident>forBoundedOutOfOrderness(config.maxOutOfOrderness())
        .withTimestampAssigner((record, kafkaTimestamp) -> record.eventTime())
        .withIdleness(config.idleness());
  }

  /** Loads the model once here so that a bad artifact fails the submission, not every task manager in a loop. */
  private static void checkModel(Path modelDir, int resolution) throws IOException {
    CategoryModel model = CategoryModel.load(modelDir);
    IncidentScorer.ordinals(model.categories(), modelDir.toString());
    if (model.history().resolution() != resolution) {
      throw new IllegalArgumentException(
          "H3 resolution " + resolution + " does not match the resolution " + model.history().resolution()
              + " the model at " + modelDir + " counts its local history in");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  /** State backend names as Flink writes them: "hashmap", "rocksdb". */
  static final class StateBackendConverter implements ITypeConverter<HotspotJobConfig.StateBackend> {
    @Override
    public HotspotJobConfig.StateBackend convert(String value) {
      return HotspotJobConfig.StateBackend.valueOf(value.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** Durations as Flink writes them: "5min", "1h", "30s", "50ms", "1 d". */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return parse(value);
    }

    public static Duration parse(String value) {
      return TimeUtils.parseDuration(value);
    }
  }
}
