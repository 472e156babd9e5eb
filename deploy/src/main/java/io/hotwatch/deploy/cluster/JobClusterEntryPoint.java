package io.hotwatch.deploy.cluster;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.client.deployment.application.ApplicationClusterEntryPoint;
import org.apache.flink.client.program.DefaultPackagedProgramRetriever;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.runtime.entrypoint.ClusterEntrypoint;
import org.apache.flink.runtime.entrypoint.ClusterEntrypointUtils;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.apache.flink.runtime.util.JvmShutdownSafeguard;
import org.apache.flink.runtime.util.SignalHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The JobManager of an application cluster: runs the job jar found in {@code $FLINK_HOME/usrlib} in application mode.
 */
@Command(
    name = "standalone-job",
    description = "Starts a Flink JobManager that runs one job from $FLINK_HOME/usrlib in application mode.")
public final class JobClusterEntryPoint extends ApplicationClusterEntryPoint {

  private JobClusterEntryPoint(Configuration configuration, PackagedProgram program) {
    super(configuration, program, StandaloneResourceManagerFactory.getInstance());
  }

  /**
   * Takes the options of Flink's own {@code standalone-job} (so a compose file or manifest works with this image and
   * with Flink's public one alike) and the job's arguments after them.
   */
  public static void main(String[] args) {
    EnvironmentInformation.logEnvironmentInfo(LOG, JobClusterEntryPoint.class.getSimpleName(), args);
    SignalHandler.register(LOG);
    JvmShutdownSafeguard.installAsShutdownHook(LOG);
    Options options = new Options();
    CommandLine commandLine = new CommandLine(options).setUnmatchedOptionsArePositionalParams(true);
    try {
      commandLine.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      System.err.println("standalone-job: " + e.getMessage());
      System.exit(2);
    }
    ClusterEntrypoint entryPoint = null;
    try {
      entryPoint = options.call();
    } catch (Exception e) {
      LOG.error("Could not prepare the application", e);
      System.exit(1);
    }
    ClusterEntrypoint.runClusterEntrypoint(entryPoint);
  }

  /** The command line: Flink's option names, then everything else for the job's {@code main}. */
  static final class Options implements Callable<JobClusterEntryPoint> {

    @Option(names = {"-c", "--configDir"}, required = true, description = "Directory of Flink's config.yaml")
    File configDir;

    @Option(names = {"-j", "--job-classname"}, required = true, description = "The job's main class")
    String jobClassName;

    @Option(names = {"-jid", "--job-id"}, description = "Fixed job id (hex), so that a restarted cluster resumes it")
    String jobId;

    @Option(names = {"-s", "--fromSavepoint"}, description = "Savepoint or retained checkpoint to start from")
    String savepoint;

    @Option(names = {"-n", "--allowNonRestoredState"}, description = "Skip savepoint state no operator claims")
    boolean allowNonRestoredState;

    @Option(names = "-D", description = "Flink setting key=value over config.yaml")
    List<String> dynamicProperties = new ArrayList<>();

    @Parameters(description = "Arguments of the job's main method")
    List<String> jobArguments = new ArrayList<>();

    @Override
    public JobClusterEntryPoint call() throws Exception {
      Configuration configuration = GlobalConfiguration.loadConfiguration(configDir.getAbsolutePath());
      for (String property : dynamicProperties) {
        int eq = property.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("-D " + property + " is not key=value");
        }
        configuration.setString(property.substring(0, eq), property.substring(eq + 1));
      }
      if (jobId != null) {
        configuration.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, jobId);
      }
      if (savepoint != null) {
        SavepointRestoreSettings.toConfiguration(
            SavepointRestoreSettings.forPath(savepoint, allowNonRestoredState), configuration);
      }
      // the job jar is read through Flink's file systems, which must be set up before anything is loaded
      FileSystem.initialize(configuration, PluginUtils.createPluginManagerFromRootFolder(configuration));
      File userLib =
          ClusterEntrypointUtils.tryFindUserLibDirectory()
              .orElseThrow(() -> new IllegalStateException("no usrlib directory beside $FLINK_LIB_DIR"));
      PackagedProgram program =
          DefaultPackagedProgramRetriever.create(
                  userLib, jobClassName, jobArguments.toArray(String[]::new), configuration)
              .getPackagedProgram();
      configureExecution(configuration, program);
      return new JobClusterEntryPoint(configuration, program);
    }
  }
}
