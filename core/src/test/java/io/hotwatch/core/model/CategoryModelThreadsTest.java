package io.hotwatch.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two models scoring at once in one JVM, as two scoring operators in one task manager do: batches of changing sizes
 * (every size makes ND4J describe new array shapes), each result equal to the same batch scored alone. A crash in
 * ND4J's native code would end the surefire fork and fail the build; this run did not reproduce the one seen in a
 * three-year detect run even without {@link NativeCalls#LOCK} (6,000 batches per thread), so it guards the results,
 * not that crash.
 */
class CategoryModelThreadsTest {

  private static final Path BUNDLED = Path.of("../deploy/demo/model");

  @Test
  void twoModelsScoringAtOnceGiveWhatEachGivesAlone() throws Exception {
    List<Incident> incidents = incidents(1200, new Random(3));
    CategoryModel reference = CategoryModel.load(BUNDLED);
    Random sizes = new Random(5);
    List<List<Incident>> batches = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      int size = 1 + sizes.nextInt(300);
      int from = sizes.nextInt(incidents.size() - size + 1);
      batches.add(incidents.subList(from, from + size));
    }
    List<float[][]> alone = new ArrayList<>();
    for (List<Incident> batch : batches) {
      alone.add(reference.predict(batch));
    }

    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<float[][]>>> runs = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        CategoryModel model = CategoryModel.load(BUNDLED);
        runs.add(threads.submit(() -> {
          List<float[][]> out = new ArrayList<>();
          for (List<Incident> batch : batches) {
            out.add(model.predict(batch));
          }
          return out;
        }));
      }
      for (Future<List<float[][]>> run : runs) {
        List<float[][]> together = run.get();
        for (int b = 0; b < batches.size(); b++) {
          assertThat(together.get(b)).as("batch %d", b).isDeepEqualTo(alone.get(b));
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static List<Incident> incidents(int n, Random random) {
    Instant start = Instant.parse("2017-01-01T06:00:00Z");
    List<String> districts = List.of("1", "8", "11", "25", "");
    List<String> places = List.of("STREET", "RESIDENCE", "APARTMENT", "SIDEWALK", "");
    List<Incident> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(
          new Incident(
              "id" + i, "chicago-crimes", start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 365))), null,
              41.65 + random.nextDouble() * 0.35, -87.9 + random.nextDouble() * 0.35, "THEFT", "", "",
              districts.get(random.nextInt(districts.size())), "", places.get(random.nextInt(places.size()))));
    }
    return list;
  }
}
