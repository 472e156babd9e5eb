package io.hotwatch.training;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incidents of some data files within a time range, oldest first, with a count of the rows that could not be used.
 *
 * @param incidents incidents that occurred in [from, to), sorted by time (ties by id); never empty
 * @param from start of the range (inclusive): as asked, or midnight in Chicago before the first incident
 * @param to end of the range (exclusive): as asked, or midnight in Chicago after the last incident
 * @param rejectedRows rows the readers rejected (no coordinates, bad dates, ...)
 * @param inputs file names read
 */
public record IncidentCorpus(List<Incident> incidents, Instant from, Instant to, long rejectedRows, List<String> inputs) {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentCorpus.class);

  /** Reads every file in full; rows outside [from, to) are skipped, a null bound leaves that side open. */
  public static IncidentCorpus read(List<Path> files, Instant from, Instant to) throws IOException {
    return read(files, from, to, Long.MAX_VALUE);
  }

  /**
   * Reads files in order until {@code limit} incidents in [from, to) are collected; rows outside the range are skipped,
   * a null bound leaves that side open.
   *
   * @throws IOException when a file cannot be read or is of no known format, or no incident is left
   */
  public static IncidentCorpus read(List<Path> files, Instant from, Instant to, long limit) throws IOException {
    if (from != null && to != null && !to.isAfter(from)) {
      throw new IllegalArgumentException("time range [" + from + ", " + to + ") is empty");
    }
    Instant lower = from == null ? Instant.MIN : from;
    Instant upper = to == null ? Instant.MAX : to;
    List<Incident> incidents = new ArrayList<>();
    long rejected = 0;
    List<String> inputs = new ArrayList<>();
    for (Path file : files) {
      if (incidents.size() >= limit) {
        break;
      }
      inputs.add(file.getFileName().toString());
      long rejectedHere = 0;
      String firstRejection = null;
      try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(file)) {
        Iterator<ParsedRow<Incident>> it = rows.iterator();
        while (it.hasNext() && incidents.size() < limit) {
          ParsedRow<Incident> row = it.next();
          if (!row.isOk()) {
            rejectedHere++;
            if (firstRejection == null) {
              firstRejection = "row " + row.line() + ": " + row.rejection();
            }
            continue;
          }
          Instant at = row.value().occurredAt();
          if (!at.isBefore(lower) && at.isBefore(upper)) {
            incidents.add(row.value());
          }
        }
      } catch (UncheckedIOException e) {
        throw new IOException("cannot read " + file + ": " + e.getCause().getMessage(), e.getCause());
      }
      if (rejectedHere > 0) {
        LOG.info("{}: {} rows rejected, the first at {}", file.getFileName(), rejectedHere, firstRejection);
      }
      rejected += rejectedHere;
    }
    if (incidents.isEmpty()) {
      throw new IOException(
          "no usable incident in " + inputs + " within [" + (from == null ? "" : from) + ", " + (to == null ? "" : to) + ")"
              + (rejected > 0 ? " (" + rejected + " rows rejected)" : ""));
    }
    incidents.sort(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id));
    return new IncidentCorpus(
        List.copyOf(incidents),
        from != null ? from : ChicagoTime.startOfDay(incidents.get(0).occurredAt()),
        to != null ? to : ChicagoTime.endOfDay(incidents.get(incidents.size() - 1).occurredAt()),
        rejected,
        List.copyOf(inputs));
  }

  public int size() {
    return incidents.size();
  }
}
