package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.model.CategoryModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The calibration {@code evaluate} prints for the bundled model on the first 20,000 real incidents of 2017, checked
 * against the same figures computed here directly from the model's probabilities, district by district.
 */
class EvaluateCalibrationTest {

  private static final int ROWS = 20_000;

  private static JsonNode calibration;
  private static JsonNode report;
  private static Map<String, List<Scored>> byDistrict;
  private static List<String> mainCategories;
  private static List<String> categories;

  /** One scored incident: its probabilities and the index of its actual category. */
  private record Scored(float[] probabilities, int actual) {
    int predicted() {
      return IntStream.range(0, probabilities.length)
          .boxed()
          .max(Comparator.comparingDouble((Integer c) -> probabilities[c]).thenComparing(c -> -c))
          .orElseThrow();
    }
  }

  @BeforeAll
  static void evaluateAndScoreDirectly() throws Exception {
    Path data = RealData.chicagoCrimes(2017);
    Path modelDir = RealData.bundledModel();
    CommandRun run =
        CommandRun.of(new EvaluateCommand(), "--model", modelDir.toString(), "--input", data.toString(),
            "--limit", "" + ROWS);
    assertThat(run.exitCode()).as(run.err()).isZero();
    report = EventCodec.newObjectMapper().readTree(run.out());
    calibration = report.get("calibration");

    CategoryModel model = CategoryModel.load(modelDir);
    categories = model.categories();
    List<Double> prior = model.metadata().classPrior();
    mainCategories =
        IntStream.range(0, prior.size()).boxed().sorted(Comparator.comparing(prior::get).reversed()).limit(5)
            .map(categories::get).toList();
    List<Incident> incidents =
        IncidentCorpus.read(List.of(data), null, null, ROWS).incidents().stream()
            .filter(i -> categories.contains(i.category()))
            .toList();
    float[][] probabilities = model.predict(incidents);
    byDistrict = new TreeMap<>();
    for (int i = 0; i < incidents.size(); i++) {
      String district = incidents.get(i).district().isBlank() ? "none" : incidents.get(i).district();
      byDistrict.computeIfAbsent(district, d -> new ArrayList<>())
          .add(new Scored(probabilities[i], categories.indexOf(incidents.get(i).category())));
    }
  }

  @Test
  void overallFiguresAreThoseOfTheWholeReport() {
    JsonNode overall = calibration.get("overall");

    assertThat(calibration.get("bins").asInt()).isEqualTo(10);
    assertThat(overall.get("rows").asLong()).isEqualTo(report.get("rows").asLong()).isEqualTo(ROWS);
    assertThat(overall.get("logLoss").asDouble()).isCloseTo(report.get("logLoss").asDouble(), within(1e-9));
    assertThat(overall.get("top1Accuracy").asDouble()).isCloseTo(report.get("top1Accuracy").asDouble(), within(1e-12));
    List<Scored> all = byDistrict.values().stream().flatMap(List::stream).toList();
    assertMatches(overall, all);
    long binned = 0;
    for (JsonNode bin : calibration.get("overallBins")) {
      binned += bin.get("rows").asLong();
    }
    assertThat(binned).isEqualTo(ROWS);
  }

  @Test
  void everyDistrictMatchesADirectComputation() {
    JsonNode districts = calibration.get("perDistrict");
    List<String> names = new ArrayList<>();
    districts.fieldNames().forEachRemaining(names::add);

    // Chicago has 22 police districts in use (31 is the odd extra); the first 20,000 rows of 2017 reach them all
    assertThat(names).hasSizeGreaterThanOrEqualTo(22).containsExactlyInAnyOrderElementsOf(byDistrict.keySet());
    assertThat(names.subList(0, 3)).containsExactly("1", "2", "3");
    for (String name : names) {
      assertMatches(districts.get(name), byDistrict.get(name));
    }
    // districts differ in how well the model fits them: the spread is the point of the table
    double lowest = names.stream().mapToDouble(n -> districts.get(n).get("logLoss").asDouble()).min().orElseThrow();
    double highest = names.stream().filter(n -> districts.get(n).get("rows").asLong() > 300)
        .mapToDouble(n -> districts.get(n).get("logLoss").asDouble()).max().orElseThrow();
    assertThat(highest - lowest).isGreaterThan(0.05);
  }

  /** Recomputes one group's figures from its rows, each measure on its own, and compares. */
  private static void assertMatches(JsonNode printed, List<Scored> rows) {
    // scored here in one batch, there in batches of 4096: the network's float32 outputs differ in the last bits, which
    // moves the log of a tiny probability by up to ~1e-4 (seen: 2.4e-7 on a district's mean)
    double tolerance = 1e-5;
    int n = rows.size();
    assertThat(printed.get("rows").asLong()).isEqualTo(n);
    double logLoss = rows.stream()
        .mapToDouble(r -> -Math.log(Math.max(r.probabilities()[r.actual()], 1e-7))).average().orElseThrow();
    assertThat(printed.get("logLoss").asDouble()).isCloseTo(logLoss, within(tolerance));
    double top1 = rows.stream().filter(r -> r.predicted() == r.actual()).count() / (double) n;
    assertThat(printed.get("top1Accuracy").asDouble()).isCloseTo(top1, within(1e-12));

    Map<Integer, List<Scored>> bins = rows.stream()
        .collect(Collectors.groupingBy(r -> Math.min(9, (int) Math.floor(r.probabilities()[r.predicted()] * 10))));
    double ece = bins.values().stream().mapToDouble(bin -> {
      double confidence = bin.stream().mapToDouble(r -> r.probabilities()[r.predicted()]).average().orElseThrow();
      double accuracy = bin.stream().filter(r -> r.predicted() == r.actual()).count() / (double) bin.size();
      return bin.size() / (double) n * Math.abs(accuracy - confidence);
    }).sum();
    assertThat(printed.get("expectedCalibrationError").asDouble()).isCloseTo(ece, within(tolerance));

    JsonNode main = printed.get("mainCategories");
    List<String> names = new ArrayList<>();
    main.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(mainCategories);
    for (String category : mainCategories) {
      int c = categories.indexOf(category);
      double meanPredicted = rows.stream().mapToDouble(r -> r.probabilities()[c]).average().orElseThrow();
      double observed = rows.stream().filter(r -> r.actual() == c).count() / (double) n;
      assertThat(main.get(category).get("meanPredicted").asDouble()).as(category).isCloseTo(meanPredicted, within(tolerance));
      assertThat(main.get(category).get("observedShare").asDouble()).as(category).isCloseTo(observed, within(1e-12));
    }
  }
}
