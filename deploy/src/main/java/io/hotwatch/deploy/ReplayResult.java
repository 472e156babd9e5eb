package io.hotwatch.deploy;

import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The outcome of a replay.
 *
 * @param sent records Kafka acknowledged
 * @param rejected input rows that could not be parsed plus records Kafka refused
 * @param rejections the reasons, with counts
 * @param stopped true when the replay was stopped before it sent everything
 */
public record ReplayResult(long sent, long rejected, Map<String, Long> rejections, boolean stopped) {

  /** How many reasons the summary line names. */
  static final int TOP_REASONS = 5;

  public ReplayResult {
    rejections = Map.copyOf(rejections);
  }

  /** {@code sent N, rejected M (reasons: reason: count, ...)} with the most frequent reasons first. */
  public String summary() {
    StringBuilder line = new StringBuilder("sent " + sent + ", rejected " + rejected);
    if (!rejections.isEmpty()) {
      String top =
          rejections.entrySet().stream()
              .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
              .limit(TOP_REASONS)
              .map(e -> e.getKey() + ": " + e.getValue())
              .collect(Collectors.joining("; "));
      int more = rejections.size() - TOP_REASONS;
      line.append(" (reasons: ").append(top).append(more > 0 ? "; " + more + " more kinds" : "").append(")");
    }
    if (stopped) {
      line.append(", stopped early");
    }
    return line.toString();
  }
}
