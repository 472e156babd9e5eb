package io.hotwatch.core.replay;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The Kafka topics of replay mode: requests to the replay service, its status and dataset catalogue (both compacted),
 * and each run's own input and output topics, named after the run so that nothing of a replay reaches the live ones.
 */
public final class ReplayTopics {

  /** Start and stop requests, keyed by run id. */
  public static final String CONTROL = "replay-control";
  /** The latest status of every run, keyed by run id; compacted. */
  public static final String STATUS = "replay-status";
  /** The datasets the service can replay, keyed by name; compacted. */
  public static final String DATASETS = "replay-datasets";

  /** What a run id may look like: it becomes part of topic names, which allow only these characters. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private ReplayTopics() {}

  public static boolean isRunId(String runId) {
    return runId != null && RUN_ID.matcher(runId).matches();
  }

  public static String incidents(String runId) {
    return topic(runId, "incidents");
  }

  public static String hotspots(String runId) {
    return topic(runId, "hotspots");
  }

  public static String trends(String runId) {
    return topic(runId, "trends");
  }

  public static String deadLetters(String runId) {
    return topic(runId, "dead-letters");
  }

  public static String scoredIncidents(String runId) {
    return topic(runId, "scored-incidents");
  }

  /** Every topic a run has. */
  public static List<String> ofRun(String runId) {
    return List.of(incidents(runId), hotspots(runId), trends(runId), deadLetters(runId), scoredIncidents(runId));
  }

  private static String topic(String runId, String name) {
    if (!isRunId(runId)) {
      throw new IllegalArgumentException("run id '" + runId + "' is not 1 to 64 letters, digits or dashes");
    }
    return "replay." + runId + "." + name;
  }
}
