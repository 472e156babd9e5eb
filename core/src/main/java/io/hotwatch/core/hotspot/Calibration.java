package io.hotwatch.core.hotspot;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The null distribution of the step-wise maximum LLR (over every cell and every window length at one evaluation step)
 * under the baseline alone, from Monte Carlo simulation; it turns a cluster's LLR into a p-value corrected for
 * scanning many cells and windows, and that into a recurrence interval. Stored as calibration.json beside
 * baseline.json.
 */
public final class Calibration implements Serializable {

  /** Its file name in a model directory, beside baseline.json. */
  public static final String FILE = "calibration.json";

  private static final long serialVersionUID = 1L;

  /** What the simulation assumed; an engine with other settings must not use it. */
  public record Assumptions(
      int resolution,
      long stepMinutes,
      List<Long> windowMinutes,
      List<Long> scanEveryMinutes,
      double prescreenPValue,
      int prescreenMinCount,
      int maxClusterCells,
      int seedsPerWindow,
      Instant simulatedFrom,
      int days,
      long seed,
      int cells)
      implements Serializable {

    static Assumptions of(
        int resolution, EngineSettings settings, Instant simulatedFrom, int days, long seed, int cells) {
      return new Assumptions(
          resolution, settings.step().toMinutes(), settings.windows().stream().map(Duration::toMinutes).toList(),
          IntStream.range(0, settings.windows().size()).mapToObj(w -> settings.scanEvery(w).toMinutes()).toList(),
          settings.prescreenPValue(), settings.prescreenMinCount(), settings.maxClusterCells(),
          ClusterScan.SEEDS_PER_WINDOW, simulatedFrom, days, seed, cells);
    }
  }

  private final Assumptions assumptions;
  private final List<String> cells;
  private final double[] nullMaxima;
  private final double stepsPerDay;

  Calibration(Assumptions assumptions, List<String> cells, double[] nullMaxima) {
    if (nullMaxima.length == 0) {
      throw new IllegalArgumentException("a calibration needs at least one simulated step");
    }
    if (cells.size() != assumptions.cells()) {
      throw new IllegalArgumentException(cells.size() + " cells listed, " + assumptions.cells() + " assumed");
    }
    this.assumptions = assumptions;
    this.cells = List.copyOf(cells);
    // to a millionth of a unit of LLR, far below any threshold's meaning: the file stays small and a loaded
    // calibration answers exactly as the one that was saved
    this.nullMaxima = Arrays.stream(nullMaxima).map(x -> Math.round(x * 1e6) / 1e6).sorted().toArray();
    this.stepsPerDay = Duration.ofDays(1).toMinutes() / (double) assumptions.stepMinutes();
  }

  public Assumptions assumptions() {
    return assumptions;
  }

  /**
   * The city's cells the simulation covered: the engine's study region, over which the city's expected total is
   * summed, so that a window's expectation does not depend on where incidents happened to fall.
   */
  public List<String> cells() {
    return cells;
  }

  /** Number of simulated steps B. */
  public int replicates() {
    return nullMaxima.length;
  }

  /** (1 + #null maxima >= llr) / (1 + B). */
  public double pValue(double llr) {
    int lo = 0;
    int hi = nullMaxima.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (nullMaxima[mid] < llr) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (1.0 + (nullMaxima.length - lo)) / (1.0 + nullMaxima.length);
  }

  /** Days between chance occurrences of a step-wise maximum this extreme: 1 / (p * steps per day). */
  public double recurrenceDays(double pValue) {
    return 1.0 / (pValue * stepsPerDay);
  }

  /** The smallest p-value this calibration can give, 1 / (1 + B): a cluster stronger than every simulated step. */
  public double smallestPValue() {
    return 1.0 / (1.0 + nullMaxima.length);
  }

  /** The longest recurrence interval this calibration can tell: that of {@link #smallestPValue()}. */
  public double longestRecurrenceDays() {
    return recurrenceDays(smallestPValue());
  }

  /** The null maxima, ascending. */
  public double[] nullMaxima() {
    return nullMaxima.clone();
  }

  /** Fails when the engine's settings or baseline differ from what the calibration simulated. */
  public void requireFits(EngineSettings settings, int resolution) {
    Assumptions engine = Assumptions.of(resolution, settings, assumptions.simulatedFrom(), assumptions.days(),
        assumptions.seed(), assumptions.cells());
    if (!engine.equals(assumptions)) {
      throw new IllegalArgumentException(
          "the calibration was simulated for " + assumptions + ", the engine runs with " + engine
              + ": run calibrate again");
    }
  }

  public void save(Path file) throws IOException {
    Stored stored = new Stored();
    stored.assumptions = assumptions;
    stored.replicates = nullMaxima.length;
    stored.cells = cells;
    stored.nullMaxima = nullMaxima;
    // arrays on one line: tens of thousands of numbers, one per line, would be unreadable anyway
    DefaultPrettyPrinter arraysOnOneLine =
        new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
    mapper().writer(arraysOnOneLine).writeValue(file.toFile(), stored);
  }

  public static Calibration load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("calibration file " + file + " does not exist");
    }
    Stored stored;
    try {
      stored = mapper().readValue(file.toFile(), Stored.class);
    } catch (IOException e) {
      throw new IOException("calibration file " + file + " is not valid: " + e.getMessage(), e);
    }
    if (stored.assumptions == null || stored.cells == null || stored.nullMaxima == null
        || stored.nullMaxima.length == 0) {
      throw new IOException("calibration file " + file + " lacks assumptions, cells or nullMaxima");
    }
    try {
      return new Calibration(stored.assumptions, stored.cells, stored.nullMaxima);
    } catch (IllegalArgumentException e) {
      throw new IOException("calibration file " + file + ": " + e.getMessage(), e);
    }
  }

  private static ObjectMapper mapper() {
    return EventCodec.newObjectMapper();
  }

  /** The file form. */
  private static final class Stored {
    @JsonProperty public Assumptions assumptions;
    @JsonProperty public int replicates;
    @JsonProperty public List<String> cells;
    @JsonProperty public double[] nullMaxima;
  }
}
