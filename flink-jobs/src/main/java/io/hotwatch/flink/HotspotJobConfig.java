package io.hotwatch.flink;

import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.flink.functions.HotspotRule;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the hotspot job.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param incidentsTopic topic of incident JSON (key: incident id)
 * @param hotspotTopic topic the hotspot events are written to (key: cell id)
 * @param deadLetterTopic topic rejected and late records are written to
 * @param groupId Kafka consumer group of the job
 * @param modelDir model artifact directory (model.zip, metadata.json, baseline.json), readable by the client and
 *     every task manager
 * @param resolution H3 resolution of the cells; must equal the baseline's
 * @param windowSize length of the sliding counting window
 * @param windowSlide how often a window starts
 * @param minCount fewest incidents in a window that can be a hotspot
 * @param alpha significance level of the Poisson upper tail
 * @param maxOutOfOrderness how far behind the newest incident of a partition an incident may be and still count
 * @param idleness after how long a partition without records stops holding event time back
 * @param batchSize most incidents scored in one network call
 * @param batchDelay longest an incident waits (processing time) for its batch to fill
 * @param parallelism operator parallelism; 0 keeps the environment's default
 * @param checkpointInterval checkpoint interval; zero disables checkpointing (and committing Kafka offsets)
 */
public record HotspotJobConfig(
    String bootstrapServers,
    String incidentsTopic,
    String hotspotTopic,
    String deadLetterTopic,
    String groupId,
    Path modelDir,
    int resolution,
    Duration windowSize,
    Duration windowSlide,
    int minCount,
    double alpha,
    Duration maxOutOfOrderness,
    Duration idleness,
    int batchSize,
    Duration batchDelay,
    int parallelism,
    Duration checkpointInterval) {

  public static final String INCIDENTS_TOPIC = "incidents";
  public static final String HOTSPOT_TOPIC = "hotspot-events";
  public static final String DEAD_LETTER_TOPIC = "dead-letters";
  public static final String GROUP_ID = "hotwatch-hotspots";
  /** The model bundled with the repository, relative to the repository root. */
  public static final Path BUNDLED_MODEL = Path.of("deploy", "demo", "model");

  public HotspotJobConfig {
    require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrapServers is empty");
    require(incidentsTopic != null && !incidentsTopic.isBlank(), "incidentsTopic is empty");
    require(hotspotTopic != null && !hotspotTopic.isBlank(), "hotspotTopic is empty");
    require(deadLetterTopic != null && !deadLetterTopic.isBlank(), "deadLetterTopic is empty");
    require(groupId != null && !groupId.isBlank(), "groupId is empty");
    require(modelDir != null, "modelDir is missing");
    require(resolution >= 0 && resolution <= 15, "resolution " + resolution + " is outside [0, 15]");
    require(positive(windowSize), "windowSize " + windowSize + " must be positive");
    require(positive(windowSlide), "windowSlide " + windowSlide + " must be positive");
    require(
        windowSlide.compareTo(windowSize) <= 0,
        "windowSlide " + windowSlide + " is longer than windowSize " + windowSize
            + ": incidents would fall between windows");
    new HotspotRule(minCount, alpha); // validates both
    require(nonNegative(maxOutOfOrderness), "maxOutOfOrderness " + maxOutOfOrderness + " is negative");
    require(positive(idleness), "idleness " + idleness + " must be positive");
    require(batchSize >= 1, "batchSize " + batchSize + " must be at least 1");
    require(batchDelay != null && batchDelay.toMillis() >= 1, "batchDelay " + batchDelay + " must be at least 1 ms");
    require(parallelism >= 0, "parallelism " + parallelism + " is negative");
    require(nonNegative(checkpointInterval), "checkpointInterval " + checkpointInterval + " is negative");
  }

  /** The documented defaults: resolution 8, 1 h windows sliding every 5 min, min count 3, alpha 1e-3. */
  public static HotspotJobConfig defaults(String bootstrapServers, Path modelDir) {
    return new HotspotJobConfig(
        bootstrapServers,
        INCIDENTS_TOPIC,
        HOTSPOT_TOPIC,
        DEAD_LETTER_TOPIC,
        GROUP_ID,
        modelDir,
        CellIndex.DEFAULT_RESOLUTION,
        Duration.ofHours(1),
        Duration.ofMinutes(5),
        HotspotRule.DEFAULT_MIN_COUNT,
        HotspotRule.DEFAULT_ALPHA,
        Duration.ofMinutes(5),
        Duration.ofMinutes(1),
        256,
        Duration.ofMillis(50),
        0,
        Duration.ofSeconds(30));
  }

  public HotspotJobConfig withTopics(String incidents, String hotspots, String deadLetters) {
    return new HotspotJobConfig(
        bootstrapServers, incidents, hotspots, deadLetters, groupId, modelDir, resolution, windowSize, windowSlide,
        minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism, checkpointInterval);
  }

  public HotspotJobConfig withParallelism(int newParallelism) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, deadLetterTopic, groupId, modelDir, resolution, windowSize,
        windowSlide, minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, newParallelism,
        checkpointInterval);
  }

  public HotspotJobConfig withCheckpointInterval(Duration interval) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, deadLetterTopic, groupId, modelDir, resolution, windowSize,
        windowSlide, minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism, interval);
  }

  public HotspotRule rule() {
    return new HotspotRule(minCount, alpha);
  }

  public Path baselineFile() {
    return modelDir.resolve(CategoryModel.BASELINE_FILE);
  }

  private static boolean positive(Duration d) {
    return nonNegative(d) && !d.isZero();
  }

  private static boolean nonNegative(Duration d) {
    return d != null && !d.isNegative();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
