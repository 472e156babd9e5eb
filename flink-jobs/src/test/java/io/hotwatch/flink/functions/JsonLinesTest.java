package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.trend.LocalHours;
import io.hotwatch.core.trend.TrendCalculator;
import io.hotwatch.core.trend.TrendWindow;
import io.hotwatch.flink.TestData;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonLinesTest {

  private final ObjectMapper plain = EventCodec.newObjectMapper();
  private final ObjectMapper cached = JsonLines.mapper();

  @Test
  void doublesAreWrittenAsJacksonWritesThem() throws Exception {
    Random random = new Random(7);
    double[] values = new double[300_000];
    for (int i = 0; i < values.length; i++) {
      double x =
          switch (i % 5) {
            case 0 -> i / 1000.0; // every cached value
            case 1 -> Math.rint(random.nextDouble() * 500_000) / 1000.0; // rounded, partly beyond the cache
            case 2 -> random.nextDouble() * 100; // not rounded
            case 3 -> -Math.rint(random.nextDouble() * 5_000) / 1000.0;
            default -> Math.pow(10, random.nextInt(40) - 20) * random.nextInt(10);
          };
      values[i] = x;
    }
    double[] special = {-0.0, 0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-4, 0.001, 1e7,
        262.143, 262.144, Double.MIN_VALUE, Double.MAX_VALUE};
    // twice: the second pass reads the texts the first one cached
    for (int pass = 0; pass < 2; pass++) {
      assertThat(cached.writeValueAsString(values)).isEqualTo(plain.writeValueAsString(values));
      assertThat(cached.writeValueAsString(special)).isEqualTo(plain.writeValueAsString(special));
    }
  }

  @Test
  void aTrendLineIsTheCodecsLine() throws Exception {
    // the city's hourly counts over four real weeks of 2017
    Instant end = Instant.parse("2017-07-23T05:00:00Z");
    TrendCalculator calculator = new TrendCalculator(28, 7, 0.05);
    TrendWindow window = calculator.window(LocalHours.epochHour(end.toEpochMilli()));
    List<Incident> incidents = TestData.chicago2017(LocalHours.instantOfHour(window.start()), end);
    Map<Long, Integer> perHour = new HashMap<>();
    incidents.forEach(i -> perHour.merge(LocalHours.epochHour(i.occurredAt().toEpochMilli()), 1, Integer::sum));
    int[] counts = new int[window.hours()];
    for (int h = 0; h < counts.length; h++) {
      counts[h] = perHour.getOrDefault(window.start() + h, 0);
    }
    assertThat(incidents).hasSizeGreaterThan(10_000);
    // covered from the second week: the profile's means are then not all whole numbers over four weeks
    TrendEvent trend = calculator.calculate(TrendEvent.CITY, TrendEvent.ALL, window, counts, window.start() + 7 * 24);

    String expected = new EventCodec().encode(trend);
    assertThat(expected).contains("\"profile\":[").doesNotContain("\"profile\":null");
    assertThat(Arrays.stream(trend.profile())).anyMatch(v -> v != Math.rint(v));
    assertThat(JsonLines.mapper().writer().writeValueAsString(trend)).isEqualTo(expected);
  }
}
