package io.hotwatch.deploy.replay;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.replay.ReplayDataset;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.DataFiles;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The incident files the replay service offers, each with its span and size, read once when the service starts. */
public final class DatasetCatalogue {

  /** A dataset and the file it is read from. */
  public record Entry(ReplayDataset dataset, Path file) {}

  private final Map<String, Entry> byName;

  private DatasetCatalogue(Map<String, Entry> byName) {
    this.byName = Map.copyOf(byName);
  }

  /** These incident files, in this order. */
  public static DatasetCatalogue of(List<Path> files) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (Path file : files) {
      Entry entry = describe(file);
      if (entries.putIfAbsent(entry.dataset().name(), entry) != null) {
        throw new IOException("two datasets are named '" + entry.dataset().name() + "' (" + file + ")");
      }
    }
    return new DatasetCatalogue(entries);
  }

  /** Every Chicago crimes CSV (plain or gzipped) directly in {@code dir}. */
  public static DatasetCatalogue inDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("datasets directory " + dir + " does not exist");
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(dir)) {
      for (Path file : listing.sorted().toList()) {
        if (Files.isRegularFile(file) && isIncidentFile(file)) {
          files.add(file);
        }
      }
    }
    if (files.isEmpty()) {
      throw new IOException("datasets directory " + dir + " holds no incident file (Chicago crimes CSV)");
    }
    return of(files);
  }

  public Optional<Entry> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public Collection<ReplayDataset> datasets() {
    return byName.values().stream().map(Entry::dataset).toList();
  }

  private static boolean isIncidentFile(Path file) {
    try {
      String header = DataFiles.firstLine(file);
      // the model and its baseline know Chicago's cells only: another city's incidents would be scored against them
      return ChicagoCrimeReader.accepts(header);
    } catch (IOException | RuntimeException e) {
      return false; // not a readable text file: not a dataset
    }
  }

  private static Entry describe(Path file) throws IOException {
    if (!Files.isRegularFile(file) || !isIncidentFile(file)) {
      throw new IOException("dataset " + file + " is not an incident file (Chicago crimes CSV)");
    }
    long rows = 0;
    Instant first = null;
    Instant last = null;
    try (Stream<ParsedRow<Incident>> parsed = IncidentFiles.read(file)) {
      for (ParsedRow<Incident> row : (Iterable<ParsedRow<Incident>>) parsed::iterator) {
        if (!row.isOk()) {
          continue;
        }
        Instant at = row.value().occurredAt();
        rows++;
        first = first == null || at.isBefore(first) ? at : first;
        last = last == null || at.isAfter(last) ? at : last;
      }
    }
    if (rows == 0) {
      throw new IOException("dataset " + file + " holds no incident that parses");
    }
    String name = file.getFileName().toString().replaceFirst("(\\.csv)?(\\.gz)?$", "");
    String description = "Chicago crimes, " + rows + " incidents, " + first + " to " + last;
    return new Entry(new ReplayDataset(name, description, rows, first, last), file);
  }
}
