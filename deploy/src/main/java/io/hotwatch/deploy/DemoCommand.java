package io.hotwatch.deploy;

import io.hotwatch.flink.HotspotJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hotwatch demo}: the whole chain on bundled real data, until Ctrl-C. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts an embedded Kafka broker, the hotspot job on a local Flink MiniCluster and the dashboard, then replays",
      "a month of real Chicago incidents (July 2017) into it, with a simulated social stream alongside (real",
      "CrisisLexT26 texts placed near and just after a fifth of the incidents, marked 'simulated' wherever shown).",
      "Prints the dashboard URL; Ctrl-C stops everything."
    })
public final class DemoCommand implements Callable<Integer> {

  /** A day of incidents every 48 seconds: the month lasts about 20 minutes after the warm-up. */
  public static final String DEFAULT_SPEED = "1800";

  /**
   * The first four days are sent at full speed before the pacing starts, so that the engine's windows (1 hour to a
   * week) have history when the map goes live, and hotspots show within a minute.
   */
  public static final String DEFAULT_WARM_UP = "4d";

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8080", description = "Dashboard HTTP port, 0 for any free port (default: ${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--speed",
      defaultValue = DEFAULT_SPEED,
      description = "Replay speed: N times real time, or 'max' (default: ${DEFAULT-VALUE}, a day of incidents every 48 s)")
  String speed;

  @Option(
      names = "--warm-up",
      defaultValue = DEFAULT_WARM_UP,
      converter = HotspotJob.DurationConverter.class,
      description = "Event time sent at full speed before the pacing starts (default: ${DEFAULT-VALUE})")
  Duration warmUp;

  @Option(names = "--input", description = "Incident files to replay instead of the bundled month")
  List<Path> inputs;

  @Option(names = "--model-dir", description = "Model artifact directory (default: the bundled model)")
  Path modelDir;

  @Option(names = "--parallelism", defaultValue = "2", description = "Flink parallelism (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("hotwatch.home", "."));
    Demo.Settings bundled = Demo.Settings.bundled(home, port, ReplaySpeed.parse(speed));
    Demo.Settings settings =
        new Demo.Settings(
            port,
            bundled.speed(),
            inputs == null || inputs.isEmpty() ? bundled.inputs() : inputs,
            modelDir == null ? bundled.modelDir() : modelDir,
            parallelism,
            warmUp,
            bundled.social());
    var out = spec.commandLine().getOut();
    out.println("hotwatch demo: starting Kafka, the Flink job and the dashboard ...");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Demo demo = Demo.start(settings);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.err.println("hotwatch demo: stopping ...");
                  demo.close();
                  System.err.println("hotwatch demo: stopped");
                  stopped.countDown();
                },
                "hotwatch-demo-shutdown"));
    out.println("hotwatch demo: dashboard at " + demo.url() + "  (Kafka at " + demo.bootstrapServers() + ")");
    out.println("hotwatch demo: " + demo.logins().describe());
    out.println(
        "hotwatch demo: replaying " + demo.replay().total() + " incidents and simulated social posts, the first "
            + warmUp.toDays() + " days at"
            + " full speed, then at " + settings.speed() + "; hotspots appear within a minute. Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }
}
