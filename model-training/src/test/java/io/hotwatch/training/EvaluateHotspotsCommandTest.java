package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.ExitCode;

/**
 * evaluate-hotspots on a slice of the real Chicago 2017 incidents (January to mid-March; trained on January and
 * February), with method (a)'s next-day PAI at 1% worked out here from the raw rows.
 */
class EvaluateHotspotsCommandTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final LocalDate CUT_OFF = LocalDate.of(2017, 3, 1);

  @TempDir static Path dir;
  private static Path slice;

  @BeforeAll
  static void writeSlice() throws Exception {
    slice = dir.resolve("chicago_2017_jan_mar.csv");
    try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(RealData.chicagoCrimes(2017))), StandardCharsets.UTF_8));
        Writer out = Files.newBufferedWriter(slice, StandardCharsets.UTF_8)) {
      out.write(in.readLine() + "\n");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        // the third field is the date, MM/dd/yyyy: January, February and 1-14 March
        String date = line.split(",", 4)[2];
        if (date.startsWith("01/") || date.startsWith("02/") || date.startsWith("03/0") || date.startsWith("03/1")
            && date.charAt(4) <= '4') {
          out.write(line + "\n");
        }
      }
    }
  }

  @Test
  void printsEveryFigureAndMethodAsPaiAtOnePercentWorkedOutByHand() throws Exception {
    Path png = dir.resolve("hit-rates.png");

    CommandRun run =
        CommandRun.of(
            new EvaluateHotspotsCommand(), "--input", slice.toString(), "--train-until", "2017-02-28", "--png",
            png.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("trainUntil").asText()).isEqualTo("2017-03-01T06:00:00Z");
    for (String horizon : List.of("nextDay", "nextWeek")) {
      for (String method : List.of("previousPeriod", "kernelDensity", "hotwatch")) {
        for (String share : List.of("1%", "5%", "10%")) {
          JsonNode figures = report.path(horizon).path(method).path(share);
          assertThat(figures.path("pai").isNumber()).as("%s %s %s", horizon, method, share).isTrue();
          assertThat(figures.path("pei").asDouble()).isBetween(0.0, 1.0);
          assertThat(figures.path("hitRate").asDouble()).isBetween(0.0, 1.0);
        }
      }
    }
    assertThat(report.path("nextDay").path("periods").asInt()).isEqualTo(14);
    assertThat(report.path("nextWeek").path("periods").asInt()).isEqualTo(2);
    JsonNode againstKernel = report.path("nextDay").path("hotwatchPeriodByPeriod").path("kernelDensity").path("1%");
    assertThat(againstKernel.path("periods").asInt()).isEqualTo(14);
    assertThat(againstKernel.path("wins").asInt() + againstKernel.path("losses").asInt()
        + againstKernel.path("ties").asInt()).isEqualTo(14);
    assertThat(report.path("nextDay").path("hindsight").path("evaluationCounts").path("1%").isNumber()).isTrue();
    assertThat(report.path("baselineDeviance").path("dailySmoothed").asDouble()).isPositive();
    assertThat(report.path("tuning").path("note").asText()).contains("not tuned");

    double expectedPai = previousDayPaiAtOnePercent();
    assertThat(report.path("nextDay").path("previousPeriod").path("1%").path("pai").asDouble())
        .isCloseTo(expectedPai, within(1e-9));
    assertThat(report.path("areaCells").asInt()).isEqualTo(area().size());

    assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(1280);
  }

  @Test
  void badArgumentsAreOneLineAndExitTwo() {
    Path missing = dir.resolve("missing.csv");
    CommandRun noFile =
        CommandRun.of(new EvaluateHotspotsCommand(), "--input", missing.toString(), "--train-until", "2017-02-28");
    assertThat(noFile.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noFile.err()).isEqualTo("evaluate-hotspots: input file " + missing + " does not exist"
        + System.lineSeparator());
    assertThat(noFile.out()).isEmpty();

    CommandRun tooLate =
        CommandRun.of(new EvaluateHotspotsCommand(), "--input", slice.toString(), "--train-until", "2017-03-20");
    assertThat(tooLate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(tooLate.err()).contains("no full day of incidents after it").hasLineCount(1);

    CommandRun tooEarly =
        CommandRun.of(new EvaluateHotspotsCommand(), "--input", slice.toString(), "--train-until", "2016-06-30");
    assertThat(tooEarly.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(tooEarly.err()).contains("no incident before it to train on").hasLineCount(1);

    Path nowhere = dir.resolve("no-such-dir/plot.png");
    CommandRun badPng =
        CommandRun.of(
            new EvaluateHotspotsCommand(), "--input", slice.toString(), "--train-until", "2017-02-28", "--png",
            nowhere.toString());
    assertThat(badPng.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(badPng.err()).contains("does not exist").hasLineCount(1);
  }

  /** Pooled over the 14 days: incidents in yesterday's top 1% of cells (ties shared) / incidents, over 1%. */
  private static double previousDayPaiAtOnePercent() throws Exception {
    List<String> area = area();
    int k = Math.max(1, (int) Math.round(0.01 * area.size()));
    Map<LocalDate, Map<String, Integer>> byDay = countsByDay();
    double hits = 0;
    double total = 0;
    for (LocalDate day = CUT_OFF; day.isBefore(CUT_OFF.plusDays(14)); day = day.plusDays(1)) {
      Map<String, Integer> today = byDay.getOrDefault(day, Map.of());
      Map<String, Integer> yesterday = byDay.getOrDefault(day.minusDays(1), Map.of());
      int[] previous = area.stream().mapToInt(c -> yesterday.getOrDefault(c, 0)).toArray();
      int[] sorted = previous.clone();
      Arrays.sort(sorted);
      int cut = sorted[sorted.length - k];
      int above = 0;
      double atCut = 0;
      int tied = 0;
      for (int c = 0; c < area.size(); c++) {
        int now = today.getOrDefault(area.get(c), 0);
        total += now;
        if (previous[c] > cut) {
          hits += now;
          above++;
        } else if (previous[c] == cut) {
          atCut += now;
          tied++;
        }
      }
      hits += atCut * (k - above) / tied;
    }
    return (hits / total) / ((double) k / area.size());
  }

  private static List<String> area() throws Exception {
    TreeSet<String> cells = new TreeSet<>();
    CellIndex index = new CellIndex(8);
    for (Incident i : incidents()) {
      if (i.occurredAt().atZone(CHICAGO).toLocalDate().isBefore(CUT_OFF)) {
        cells.add(index.cellOf(i.latitude(), i.longitude()));
      }
    }
    return new ArrayList<>(cells);
  }

  private static Map<LocalDate, Map<String, Integer>> countsByDay() throws Exception {
    CellIndex index = new CellIndex(8);
    Map<LocalDate, Map<String, Integer>> byDay = new HashMap<>();
    for (Incident i : incidents()) {
      byDay
          .computeIfAbsent(i.occurredAt().atZone(CHICAGO).toLocalDate(), d -> new HashMap<>())
          .merge(index.cellOf(i.latitude(), i.longitude()), 1, Integer::sum);
    }
    return byDay;
  }

  private static List<Incident> incidents() throws Exception {
    try (var rows = IncidentFiles.read(slice)) {
      return rows.filter(ParsedRow::isOk).map(ParsedRow::value).toList();
    }
  }
}
