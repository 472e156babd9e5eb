package io.hotwatch.training;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.training.hotspots.HitRateChart;
import io.hotwatch.training.hotspots.HotspotForecastEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate-hotspots}: next-day and next-week hotspot forecasts after a cut-off against two classic rankings. */
@Command(
    name = "evaluate-hotspots",
    description =
        "Forecasts every day and every week after --train-until by ranking H3 cells three ways (previous period's"
            + " counts, kernel density of past incidents, Hotwatch's expected count) and prints PAI, PEI and hit rate at"
            + " 1%, 5% and 10% of the area, with a period-by-period comparison, as one JSON object.")
public final class EvaluateHotspotsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--input", required = true, arity = "1..*", paramLabel = "FILE",
      description =
          "Incident files (Chicago crimes or NYPD shootings CSV, plain or gzipped), both sides of the cut-off.")
  List<Path> inputs;

  @Option(names = "--train-until", required = true, paramLabel = "DATE", converter = ChicagoTime.class,
      description = "Last day of training (Chicago time; an ISO instant is the cut-off itself); forecasts follow it.")
  Instant trainUntil;

  @Option(names = "--png", paramLabel = "FILE", description = "Also write hit rate against area share as a PNG.")
  Path png;

  @Option(names = "--resolution", paramLabel = "RES", defaultValue = "" + CellIndex.DEFAULT_RESOLUTION,
      description = "H3 resolution of the cells (default: ${DEFAULT-VALUE}).")
  int resolution;

  @Override
  public Integer call() {
    for (Path input : inputs) {
      if (!Files.isRegularFile(input)) {
        return fail(ExitCode.USAGE, "input file " + input + " does not exist");
      }
    }
    Path pngDir = png == null ? null : png.toAbsolutePath().getParent();
    if (pngDir != null && !Files.isDirectory(pngDir)) {
      return fail(ExitCode.USAGE, "--png " + png + ": directory " + pngDir + " does not exist");
    }
    if (resolution < 0 || resolution > 15) {
      return fail(ExitCode.USAGE, "--resolution " + resolution + " is outside [0, 15]");
    }
    // a date names the last day of training, so the cut-off is the midnight that ends it
    Instant cutOff = isDate() ? ChicagoTime.endOfDay(trainUntil) : trainUntil;
    try {
      IncidentCorpus corpus = IncidentCorpus.read(inputs, null, null);
      if (!corpus.from().isBefore(cutOff)) {
        return fail(ExitCode.USAGE, "--train-until " + cutOff + ": no incident before it to train on");
      }
      Instant evaluateTo = corpus.to();
      if (cutOff.plus(Duration.ofDays(1)).isAfter(evaluateTo)) {
        return fail(ExitCode.USAGE, "--train-until " + cutOff + ": no full day of incidents after it to forecast");
      }
      HotspotForecastEvaluation.Result result =
          new HotspotForecastEvaluation(corpus.incidents(), corpus.from(), cutOff, evaluateTo, resolution).run();
      if (png != null) {
        HitRateChart.write(result.curves(), png);
      }
      String json =
          EventCodec.newObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result.report());
      spec.commandLine().getOut().println(json);
      return ExitCode.OK;
    } catch (Exception e) {
      return fail(ExitCode.SOFTWARE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private boolean isDate() {
    var option = spec.commandLine().getParseResult().matchedOption("--train-until");
    return option != null && option.stringValues().get(0).length() == 10;
  }

  /** One line on stderr, prefixed with the command's name as typed ("hotwatch evaluate-hotspots" in the launcher). */
  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EvaluateHotspotsCommand()).execute(args));
  }
}
