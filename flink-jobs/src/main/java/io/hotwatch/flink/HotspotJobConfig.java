package io.hotwatch.flink;

import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.flink.functions.HotspotRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

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
 * @param checkpointInterval checkpoint interval, on which the Kafka sinks commit their transactions; zero disables
 *     checkpointing, for bounded runs over files only (the Kafka job refuses it)
 * @param allowedLateness how long after a window's end an incident of it still updates it; later ones are dead letters
 * @param versionHorizon how long (event time) an incident id is remembered so that a re-report retracts its previous
 *     version; at least one window length plus the allowed lateness
 * @param transactionalIdPrefix prefix of the Kafka transactional ids of the exactly-once sinks; unique per job
 * @param transactionTimeout Kafka transaction timeout of the sinks: longer than a checkpoint, below the broker's
 *     {@code transaction.max.timeout.ms} (15 min by default)
 * @param stateBackend where keyed state lives: on the heap or in RocksDB
 * @param checkpointDir where checkpoints are stored (a URI or path), or null for the job manager's memory
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
    Duration checkpointInterval,
    Duration allowedLateness,
    Duration versionHorizon,
    String transactionalIdPrefix,
    Duration transactionTimeout,
    StateBackend stateBackend,
    String checkpointDir) {

  public static final String INCIDENTS_TOPIC = "incidents";
  public static final String HOTSPOT_TOPIC = "hotspot-events";
  public static final String DEAD_LETTER_TOPIC = "dead-letters";
  public static final String GROUP_ID = "hotwatch-hotspots";
  /** The model bundled with the repository, relative to the repository root. */
  public static final Path BUNDLED_MODEL = Path.of("deploy", "demo", "model");
  public static final String TRANSACTIONAL_ID_PREFIX = "hotwatch-hotspots";

  /** Where keyed state lives. */
  public enum StateBackend {
    /** Objects on the JVM heap: fastest, bounded by memory. */
    HASHMAP,
    /** RocksDB on local disk, incremental checkpoints: for state larger than memory. */
    ROCKSDB;

    /** The value of Flink's {@code state.backend.type}. */
    public String flinkName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

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
    require(nonNegative(allowedLateness), "allowedLateness " + allowedLateness + " is negative");
    require(
        versionHorizon != null && versionHorizon.compareTo(windowSize.plus(allowedLateness)) >= 0,
        "versionHorizon " + versionHorizon + " is shorter than windowSize plus allowedLateness ("
            + windowSize.plus(allowedLateness) + "): a re-report could not retract what a window still counts");
    require(
        transactionalIdPrefix != null && !transactionalIdPrefix.isBlank(), "transactionalIdPrefix is empty");
    require(positive(transactionTimeout), "transactionTimeout " + transactionTimeout + " must be positive");
    require(
        checkpointInterval.isZero() || transactionTimeout.compareTo(checkpointInterval) > 0,
        "transactionTimeout " + transactionTimeout + " is not longer than checkpointInterval " + checkpointInterval
            + ": every transaction would time out before its checkpoint commits it");
    require(stateBackend != null, "stateBackend is missing");
  }

  /**
   * The documented defaults: resolution 8, 1 h windows sliding every 5 min, min count 3, alpha 1e-3, 1 h allowed
   * lateness, re-reports retracted for 8 days, checkpoints every 10 s on the heap, 10 min Kafka transactions.
   */
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
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        Duration.ofDays(8),
        TRANSACTIONAL_ID_PREFIX,
        Duration.ofMinutes(10),
        StateBackend.HASHMAP,
        null);
  }

  public HotspotJobConfig withTopics(String incidents, String hotspots, String deadLetters) {
    return new HotspotJobConfig(
        bootstrapServers, incidents, hotspots, deadLetters, groupId, modelDir, resolution, windowSize, windowSlide,
        minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism, checkpointInterval,
        allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend, checkpointDir);
  }

  public HotspotJobConfig withParallelism(int newParallelism) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, deadLetterTopic, groupId, modelDir, resolution, windowSize,
        windowSlide, minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, newParallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend,
        checkpointDir);
  }

  public HotspotJobConfig withCheckpointInterval(Duration interval) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, deadLetterTopic, groupId, modelDir, resolution, windowSize,
        windowSlide, minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism, interval,
        allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend, checkpointDir);
  }

  /** The same settings with another watermark idleness (e.g. longer than any stall a test provokes). */
  public HotspotJobConfig withIdleness(Duration newIdleness) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, deadLetterTopic, groupId, modelDir, resolution, windowSize,
        windowSlide, minCount, alpha, maxOutOfOrderness, newIdleness, batchSize, batchDelay, parallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend,
        checkpointDir);
  }

  /** The same settings with another group id and transactional id prefix, as a second job beside this one needs. */
  public HotspotJobConfig withIdentity(String newGroupId, String newTransactionalIdPrefix) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, deadLetterTopic, newGroupId, modelDir, resolution, windowSize,
        windowSlide, minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism,
        checkpointInterval, allowedLateness, versionHorizon, newTransactionalIdPrefix, transactionTimeout,
        stateBackend, checkpointDir);
  }

  public HotspotJobConfig withStateBackend(StateBackend backend, String newCheckpointDir) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, deadLetterTopic, groupId, modelDir, resolution, windowSize,
        windowSlide, minCount, alpha, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, backend,
        newCheckpointDir);
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
