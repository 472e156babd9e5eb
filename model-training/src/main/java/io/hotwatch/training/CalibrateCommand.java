package io.hotwatch.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.hotspot.CalibrationSimulator;
import io.hotwatch.core.hotspot.EngineSettings;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.source.DataFiles;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code calibrate}: simulates counts from a model's baseline alone and writes the hotspot engine's null distribution,
 * calibration.json, beside baseline.json; with {@code --measure} it also measures false alarms and detection.
 */
@Command(
    name = "calibrate",
    description =
        "Simulates counts from the model's baseline alone, one null maximum LLR per evaluation step, and writes"
            + " calibration.json into the model directory. With --measure: alerts per day on simulated counts and"
            + " detection of clusters injected into real incidents, printed as JSON.")
public final class CalibrateCommand implements Callable<Integer> {

  public static final String FILE = "calibration.json";

  @Spec CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory with baseline.json.")
  Path model;

  @Option(names = "--days", paramLabel = "N", defaultValue = "100",
      description = "Simulated days, one null maximum per 5-minute step (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--from", paramLabel = "TIME", converter = ChicagoTime.class,
      description = "First simulated day (Chicago date or ISO instant); default: the end of the baseline's range.")
  Instant from;

  @Option(names = "--measure", paramLabel = "FILE",
      description = "Real incidents (Chicago crimes CSV) to inject clusters into; measures and prints the figures.")
  Path measure;

  @Option(names = "--measure-days", paramLabel = "N", defaultValue = "14",
      description = "Days of simulated and of real incidents the measurement runs over (default: ${DEFAULT-VALUE}).")
  int measureDays;

  @Option(names = "--measure-from", paramLabel = "TIME", converter = ChicagoTime.class, defaultValue = "2017-03-01",
      description = "First day of real incidents to measure on (default: ${DEFAULT-VALUE}).")
  Instant measureFrom;

  @Option(names = "--open-days", paramLabel = "DAYS",
      description = "Opening threshold (recurrence interval, days) for the measurement; default: the engine's.")
  Double openDays;

  @Option(names = "--close-days", paramLabel = "DAYS",
      description = "Closing threshold (recurrence interval, days) for the measurement; default: the engine's.")
  Double closeDays;

  @Override
  public Integer call() {
    if (days < 1) {
      return fail(ExitCode.USAGE, "--days " + days + " is below 1");
    }
    if (measureDays < 8) {
      return fail(ExitCode.USAGE, "--measure-days " + measureDays + " is below 8 (a week of warm-up and a day)");
    }
    Path baselineFile = model.resolve("baseline.json");
    if (!Files.isRegularFile(baselineFile)) {
      return fail(ExitCode.USAGE, "model directory " + model + " has no baseline.json");
    }
    if ((openDays != null && !(openDays > 0)) || (closeDays != null && !(closeDays > 0))) {
      return fail(ExitCode.USAGE, "--open-days and --close-days must be positive");
    }
    if (measure != null && !Files.isRegularFile(measure)) {
      return fail(ExitCode.USAGE, "input file " + measure + " does not exist");
    }
    try {
      BaselineRates baseline = BaselineRates.load(baselineFile);
      List<String> cells = cellsOf(baselineFile);
      EngineSettings settings = EngineSettings.defaults();
      Instant start = from != null ? from : baseline.to();
      long began = System.nanoTime();
      Calibration calibration = new CalibrationSimulator(baseline, cells, settings).simulate(start, days, seed);
      calibration.save(model.resolve(FILE));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("file", model.resolve(FILE).toString());
      summary.put("cells", cells.size());
      summary.put("replicates", calibration.replicates());
      double[] maxima = calibration.nullMaxima();
      summary.put("nullMaxLlrMedian", maxima[maxima.length / 2]);
      summary.put("nullMaxLlr99", maxima[(int) (maxima.length * 0.99)]);
      summary.put("nullMaxLlrLargest", maxima[maxima.length - 1]);
      summary.put("longestRecurrenceDays", calibration.longestRecurrenceDays());
      summary.put("seconds", (System.nanoTime() - began) / 1e9);
      if (measure != null) {
        EngineSettings measured =
            settings.withRecurrence(
                openDays != null ? openDays : settings.openRecurrenceDays(),
                closeDays != null ? closeDays : settings.closeRecurrenceDays());
        summary.put(
            "figures",
            new HotspotFigures(baseline, cells, calibration, measured, seed)
                .measure(measure, measureFrom, measureDays));
      }
      spec.commandLine()
          .getOut()
          .println(EventCodec.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
      return ExitCode.OK;
    } catch (Exception e) {
      return fail(ExitCode.SOFTWARE, e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  /** The cells the baseline was fitted on: the keys of baseline.json's counts, the city the simulation covers. */
  static List<String> cellsOf(Path baselineFile) throws IOException {
    JsonNode counts;
    try (Reader reader = DataFiles.open(baselineFile)) {
      counts = EventCodec.newObjectMapper().readTree(reader).get("counts");
    }
    if (counts == null || !counts.isObject() || counts.isEmpty()) {
      throw new IOException("baseline file " + baselineFile + " lists no cells under counts");
    }
    List<String> cells = new ArrayList<>();
    counts.fieldNames().forEachRemaining(cells::add);
    return cells;
  }

  private int fail(int exitCode, String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + message);
    return exitCode;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CalibrateCommand()).execute(args));
  }
}
