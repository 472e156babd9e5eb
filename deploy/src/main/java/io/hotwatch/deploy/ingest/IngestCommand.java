package io.hotwatch.deploy.ingest;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hotwatch ingest}: live sources, one subcommand each. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Produces a live source's incidents to Kafka as they are published.",
    subcommands = {SocrataIngestCommand.class})
public final class IngestCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a source is required (socrata)");
  }
}
