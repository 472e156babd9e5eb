package io.hotwatch.flink;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** Real public data for tests: the Chicago crimes files under {@code hotwatch.data.dir}, and the bundled model. */
public final class TestData {

  private TestData() {}

  public static Path dataDir() {
    return Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"));
  }

  public static Path chicago2017() {
    return dataDir().resolve("chicago-crimes-2015-2017").resolve("chicago_crimes_2017.csv.gz");
  }

  /** The model artifact bundled with the repository (tests run in the module directory). */
  public static Path bundledModel() {
    Path model = Path.of("..").resolve(HotspotJobConfig.BUNDLED_MODEL).toAbsolutePath().normalize();
    if (!Files.isDirectory(model)) {
      throw new IllegalStateException("the bundled model is missing at " + model);
    }
    return model;
  }

  /** Reading the year takes seconds; the pipeline tests share one JVM and ask for the same days. */
  private static final Map<List<Instant>, List<Incident>> READ = new ConcurrentHashMap<>();

  /** The located Chicago 2017 incidents that occurred in [from, to), sorted by occurrence time. */
  public static synchronized List<Incident> chicago2017(Instant from, Instant to) throws IOException {
    List<Incident> cached = READ.get(List.of(from, to));
    if (cached == null) {
      cached = read2017(from, to);
      READ.put(List.of(from, to), cached);
    }
    return cached;
  }

  private static List<Incident> read2017(Instant from, Instant to) throws IOException {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(chicago2017())) {
      return rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .filter(i -> !i.occurredAt().isBefore(from) && i.occurredAt().isBefore(to))
          .sorted(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id))
          .toList();
    }
  }

  /** The first {@code n} located incidents of the 2017 file, in file order. */
  public static List<Incident> chicago2017First(int n) throws IOException {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(chicago2017())) {
      return rows.filter(ParsedRow::isOk).map(ParsedRow::value).limit(n).toList();
    }
  }
}
