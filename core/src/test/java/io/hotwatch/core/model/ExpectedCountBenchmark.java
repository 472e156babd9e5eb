package io.hotwatch.core.model;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@link BaselineRates#expected} call by window length, against summing the rate hour by hour (how it was
 * computed before the prefix sums). Run: see docs/MODEL.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExpectedCountBenchmark {

  @Param({"1", "24", "168", "720"})
  public int windowHours;

  private BaselineRates baseline;
  private String[] cells;
  private Instant[] starts;
  private int next;

  @Setup
  public void fit() {
    String centre = new CellIndex(8).cellOf(41.8781, -87.6298);
    List<String> area = CellIndex.disk(centre, 10);
    Random random = new Random(1);
    Instant from = Instant.parse("2015-01-01T06:00:00Z");
    List<Incident> incidents = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      GeoPoint c = CellIndex.centroid(area.get(random.nextInt(area.size())));
      incidents.add(
          new Incident("b", "bench", from.plusSeconds(random.nextInt(2 * 365 * 86_400)), null, c.lat(), c.lon(),
              "THEFT", "THEFT", "", "", "", ""));
    }
    baseline = BaselineRates.fit(incidents.stream(), 8, from, from.plus(Duration.ofDays(730)));
    cells = new String[1024];
    starts = new Instant[1024];
    for (int i = 0; i < cells.length; i++) {
      cells[i] = area.get(random.nextInt(area.size()));
      starts[i] = Instant.parse("2017-01-01T00:00:00Z").plusSeconds(random.nextInt(365 * 86_400));
    }
  }

  @Benchmark
  public double prefixSums() {
    int i = next++ & 1023;
    return baseline.expected(cells[i], starts[i], starts[i].plus(Duration.ofHours(windowHours)));
  }

  @Benchmark
  public double hourByHour() {
    int i = next++ & 1023;
    Instant end = starts[i].plus(Duration.ofHours(windowHours));
    double sum = 0;
    Instant t = starts[i];
    while (t.isBefore(end)) {
      Instant hourEnd = t.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
      Instant stop = hourEnd.isAfter(end) ? end : hourEnd;
      sum += baseline.rate(cells[i], BaselineRates.hourOfWeek(t)) * Duration.between(t, stop).toMillis() / 3.6e6;
      t = stop;
    }
    return sum;
  }
}
