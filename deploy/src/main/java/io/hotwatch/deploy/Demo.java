package io.hotwatch.deploy;

import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.social.PostTextPool;
import io.hotwatch.core.social.SimulatedPosts;
import io.hotwatch.dashboard.DashboardServer;
import io.hotwatch.dashboard.security.GeneratedLogins;
import io.hotwatch.dashboard.security.PasswordHash;
import io.hotwatch.deploy.replay.DatasetCatalogue;
import io.hotwatch.deploy.replay.ReplayService;
import io.hotwatch.flink.HotspotJob;
import io.hotwatch.flink.HotspotJobConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole chain in one process: an embedded Kafka broker, the hotspot job on a Flink MiniCluster, the dashboard, and
 * a replay of real incidents with a simulated social stream of real post texts placed at them, and the replay service
 * that runs analysts' replays of the same incidents apart from the live job. Started by {@code ./hotwatch demo} and by
 * the end-to-end tests, so both run the same wiring. Closing stops the parts in reverse order: replay, job, replay
 * service, dashboard, broker.
 */
public final class Demo implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

  /**
   * What to run.
   *
   * @param port dashboard HTTP port, 0 for any free port
   * @param speed replay speed
   * @param inputs incident files to replay
   * @param modelDir model artifact directory (model.zip, metadata.json, baseline)
   * @param parallelism Flink parallelism of the local MiniCluster
   * @param warmUp event time at the start of a replay sent at full speed before the pacing starts
   * @param social the simulated social stream replayed alongside the incidents and read by the job; null for none
   */
  public record Settings(
      int port, ReplaySpeed speed, List<Path> inputs, Path modelDir, int parallelism, Duration warmUp, Social social) {

    /**
     * The repository's bundled month of Chicago incidents, pool of post texts and model, with the demo's default
     * warm-up.
     */
    public static Settings bundled(Path home, int port, ReplaySpeed speed) {
      return new Settings(
          port,
          speed,
          List.of(home.resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz")),
          home.resolve(HotspotJobConfig.BUNDLED_MODEL),
          2,
          HotspotJob.DurationConverter.parse(DemoCommand.DEFAULT_WARM_UP),
          new Social(home.resolve(BUNDLED_POST_POOL), home.resolve(HotspotJobConfig.BUNDLED_RELEVANCE_MODEL)));
    }
  }

  /**
   * The demo's simulated social stream.
   *
   * @param postPool pool of real post texts placed at the replayed incidents ({@link SimulatedPosts})
   * @param relevanceModelDir the relevance model the job scores the posts with
   */
  public record Social(Path postPool, Path relevanceModelDir) {}

  /** The bundled pool of real CrisisLexT26 post texts, relative to the repository. */
  public static final String BUNDLED_POST_POOL = "deploy/demo/data/social-posts-pool.csv.gz";

  /** The simulated social stream's seed: every demo run shows the same posts. */
  static final long SIMULATION_SEED = 1;

  /** The topic the simulated social posts go to. */
  public static final String SOCIAL_POSTS_TOPIC = "social-posts";

  /** Checkpoints, on which the job commits its alerts to Kafka, every second: a dispatcher should not wait longer. */
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);

  private final EmbeddedKafka kafka;
  private final DashboardServer dashboard;
  private final GeneratedLogins logins;
  private final JobClient job;
  private final HotspotJobConfig config;
  private final Replayer replayer;
  private final ReplayService replayService;
  private volatile ReplayRun replay;

  private Demo(
      EmbeddedKafka kafka, DashboardServer dashboard, GeneratedLogins logins, JobClient job, HotspotJobConfig config,
      Replayer replayer, ReplayService replayService) {
    this.kafka = kafka;
    this.dashboard = dashboard;
    this.logins = logins;
    this.job = job;
    this.config = config;
    this.replayer = replayer;
    this.replayService = replayService;
  }

  /** Starts every part and replays the settings' inputs. */
  public static Demo start(Settings settings) throws Exception {
    for (Path input : settings.inputs()) {
      if (!Files.isRegularFile(input)) {
        throw new IllegalArgumentException("input " + input + " does not exist");
      }
    }
    // Read before anything starts, so a bad file fails fast.
    List<ReplayInput> inputs = inputs(settings);
    Demo demo = startWithoutReplay(settings);
    demo.replay(inputs.get(0), inputs.size() > 1 ? inputs.get(1) : null);
    return demo;
  }

  /**
   * What the demo replays: the incidents and, when the settings name a pool, the simulated social posts placed at
   * them (so the posts follow the replayed incidents, whichever files they come from).
   */
  static List<ReplayInput> inputs(Settings settings) throws IOException {
    ReplayInput incidents = ReplayInput.load(settings.inputs(), ReplayWindow.ALL);
    if (settings.social() == null) {
      return List.of(incidents);
    }
    PostTextPool pool = PostTextPool.read(settings.social().postPool());
    return List.of(incidents, incidents.simulatedSocialPosts(pool, SimulatedPosts.Settings.demo(SIMULATION_SEED)));
  }

  /**
   * Starts broker, job and dashboard but replays nothing yet, so a caller can connect first; if one part fails, those
   * already started are stopped before the error is thrown.
   */
  public static Demo startWithoutReplay(Settings settings) throws Exception {
    if (!Files.isDirectory(settings.modelDir())) {
      throw new IllegalArgumentException("model directory " + settings.modelDir() + " does not exist");
    }
    List<AutoCloseable> started = new ArrayList<>();
    try {
      EmbeddedKafka kafka = EmbeddedKafka.start();
      started.add(kafka);
      HotspotJobConfig config =
          HotspotJobConfig.defaults(kafka.bootstrapServers(), settings.modelDir())
              .withParallelism(settings.parallelism())
              .withCheckpointInterval(CHECKPOINT_INTERVAL);
      kafka.createTopics(
          settings.parallelism(), config.incidentsTopic(), config.hotspotTopic(), config.trendsTopic(),
          config.deadLetterTopic(), SOCIAL_POSTS_TOPIC, HotspotJob.SocialSettings.SIGNALS_TOPIC,
          config.scoredIncidentsTopic());
      // before the dashboard, so that the topics it reads exist: analysts replay the demo's incident files
      ReplayService replayService = ReplayService.start(
          new ReplayService.Settings(kafka.bootstrapServers(), settings.modelDir(), settings.parallelism(), 3),
          DatasetCatalogue.of(settings.inputs()));
      started.add(replayService);
      // A password and a token secret of its own on every start: nothing to leak from the repository.
      GeneratedLogins logins = GeneratedLogins.forEveryRole(PasswordHash.DEFAULT_ITERATIONS);
      Map<String, Object> dashboardProperties = new HashMap<>(logins.properties());
      dashboardProperties.put(DashboardServer.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
      dashboardProperties.put(DashboardServer.HOTSPOT_TOPIC, config.hotspotTopic());
      dashboardProperties.put(DashboardServer.PORT, settings.port());
      DashboardServer dashboard = DashboardServer.start(dashboardProperties);
      started.add(dashboard);
      Configuration flink = new Configuration();
      StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(settings.parallelism(), flink);
      HotspotJob.SocialSettings social = settings.social() == null
          ? null
          : HotspotJob.SocialSettings.of(SOCIAL_POSTS_TOPIC, settings.social().relevanceModelDir());
      JobClient job = HotspotJob.start(config, env, social);
      started.add(() -> job.cancel().get(30, TimeUnit.SECONDS));
      Replayer replayer = Replayer.connect(kafka.bootstrapServers(), settings.speed(), settings.warmUp());
      started.add(replayer);
      return new Demo(kafka, dashboard, logins, job, config, replayer, replayService);
    } catch (Exception | Error e) {
      Collections.reverse(started);
      closeAll(started);
      throw e;
    }
  }

  /** Replays incidents into the job's input topic in the background; one replay at a time. */
  public synchronized ReplayRun replay(ReplayInput input) {
    return replay(input, null);
  }

  /**
   * Replays incidents and social posts (null for none) into their topics in the background, on one event-time clock:
   * a post arrives just after the incidents posted before it; one replay at a time.
   */
  public synchronized ReplayRun replay(ReplayInput incidents, ReplayInput socialPosts) {
    if (replay != null && !replay.isDone()) {
      throw new IllegalStateException("a replay is already running");
    }
    List<Replayer.Feed> feeds = new ArrayList<>(List.of(new Replayer.Feed(incidents, config.incidentsTopic())));
    if (socialPosts != null) {
      feeds.add(new Replayer.Feed(socialPosts, SOCIAL_POSTS_TOPIC));
    }
    replay = replayer.start(feeds, record -> {});
    return replay;
  }

  public HotspotJobConfig config() {
    return config;
  }

  public String url() {
    return dashboard.uri().toString();
  }

  /** The dashboard's logins, generated for this run. */
  public GeneratedLogins logins() {
    return logins;
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public JobClient job() {
    return job;
  }

  public ReplayRun replay() {
    return replay;
  }

  @Override
  public void close() {
    List<AutoCloseable> parts = new ArrayList<>();
    ReplayRun running = replay;
    if (running != null) {
      parts.add(running::stop);
    }
    parts.add(replayer);
    parts.add(() -> job.cancel().get(30, TimeUnit.SECONDS));
    parts.add(replayService);
    parts.add(dashboard);
    parts.add(kafka);
    closeAll(parts);
  }

  private static void closeAll(List<AutoCloseable> parts) {
    for (AutoCloseable part : parts) {
      try {
        part.close();
      } catch (Exception e) {
        LOG.warn("while stopping the demo: {}", e.toString());
      }
    }
  }
}
