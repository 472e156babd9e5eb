package io.hotwatch.deploy.replay;

import io.hotwatch.flink.HotspotJobConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hotwatch replay-service}: analysts' replays through the hotspot job, until stopped. */
@Command(
    name = "replay-service",
    mixinStandardHelpOptions = true,
    description = {
      "Runs analysts' replays: takes requests from the 'replay-control' topic (the dashboard's POST /api/replay),",
      "runs each through a fresh hotspot job on a local Flink MiniCluster with its own topics (replay.<run>.*),",
      "and reports to 'replay-status'; offers the datasets of --datasets on 'replay-datasets'. Ctrl-C stops it."
    })
public final class ReplayServiceCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT", description = "Kafka brokers")
  String bootstrapServers;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Model artifact directory, the live job's (default: the bundled model)")
  Path modelDir;

  @Option(
      names = "--datasets",
      paramLabel = "DIR",
      description = "Directory of Chicago crimes CSV files (plain or gzipped) to offer (default: the bundled month)")
  Path datasets;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Flink parallelism of a run (default: ${DEFAULT-VALUE})")
  int parallelism;

  @Option(
      names = "--kept-runs",
      defaultValue = "3",
      description = "Ended runs whose topics are kept; older ones are deleted (default: ${DEFAULT-VALUE})")
  int keptRuns;

  @Override
  public Integer call() throws Exception {
    Path home = Path.of(System.getProperty("hotwatch.home", "."));
    DatasetCatalogue catalogue = datasets == null
        ? DatasetCatalogue.of(List.of(home.resolve(BUNDLED_DATASET)))
        : DatasetCatalogue.inDirectory(datasets);
    ReplayService.Settings settings = new ReplayService.Settings(bootstrapServers,
        modelDir == null ? home.resolve(HotspotJobConfig.BUNDLED_MODEL) : modelDir, parallelism, keptRuns);
    CountDownLatch stopped = new CountDownLatch(1);
    ReplayService service = ReplayService.start(settings, catalogue);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "hotwatch-replay-service-shutdown"));
    var out = spec.commandLine().getOut();
    out.println("hotwatch replay-service: offering " + catalogue.datasets().size() + " datasets; waiting for requests"
        + " on " + bootstrapServers + ". Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }

  /** The bundled month of Chicago incidents, relative to the repository. */
  public static final String BUNDLED_DATASET = "deploy/demo/data/chicago_crimes_2017-07.csv.gz";
}
