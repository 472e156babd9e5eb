package io.hotwatch.deploy.ingest;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one ingest run did.
 *
 * @param pages pages read, produced and recorded in the state file
 * @param read rows read from those pages
 * @param produced incidents produced to the incidents topic
 * @param rejected rows produced to the dead-letter topic instead
 * @param rejections the reasons, with counts
 * @param mark the high-water mark at the end (null when nothing was ever read)
 */
public record IngestSummary(
    long pages, long read, long produced, long rejected, Map<String, Long> rejections, HighWaterMark mark) {

  /** How many reasons the summary line names. */
  static final int TOP_REASONS = 5;

  public IngestSummary {
    rejections = Map.copyOf(rejections);
  }

  /** {@code pages P, read R, produced N, rejected M (reasons: ...), high-water mark T ROW}. */
  public String line() {
    StringBuilder line = new StringBuilder(
        "pages " + pages + ", read " + read + ", produced " + produced + ", rejected " + rejected);
    if (!rejections.isEmpty()) {
      String top = rejections.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
              .thenComparing(Map.Entry.comparingByKey()))
          .limit(TOP_REASONS)
          .map(e -> e.getKey() + ": " + e.getValue())
          .collect(Collectors.joining("; "));
      int more = rejections.size() - TOP_REASONS;
      line.append(" (reasons: ").append(top).append(more > 0 ? "; " + more + " more kinds" : "").append(")");
    }
    if (mark != null) {
      line.append(", high-water mark ").append(mark.updatedAt()).append(' ').append(mark.rowId());
    }
    return line.toString();
  }
}
