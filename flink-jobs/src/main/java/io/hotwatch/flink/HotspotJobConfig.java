package io.hotwatch.flink;

import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.hotspot.Calibration;
import io.hotwatch.core.hotspot.EngineSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Settings of the hotspot job.
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param incidentsTopic topic of incident JSON (key: incident id)
 * @param hotspotTopic topic the hotspot alerts are written to (key: hotspot id)
 * @param trendsTopic topic the rolling trends are written to (key: district|category)
 * @param deadLetterTopic topic rejected and late records are written to
 * @param groupId Kafka consumer group of the job
 * @param modelDir model artifact directory (model.zip, metadata.json, baseline.json), readable by the client and
 *     every task manager
 * @param resolution H3 resolution of the cells; must equal the baseline's
 * @param openRecurrenceDays a hotspot opens when chance would produce a cluster as strong this rarely, in days
 * @param closeRecurrenceDays an open hotspot closes when its recurrence interval falls below this, in days
 * @param maxOutOfOrderness how far behind the newest incident of a partition an incident may be and still count
 * @param idleness after how long a partition without records stops holding event time back
 * @param batchSize most incidents scored in one network call
 * @param batchDelay longest an incident waits (processing time) for its batch to fill
 * @param parallelism operator parallelism; 0 keeps the environment's default
 * @param checkpointInterval checkpoint interval, on which the Kafka sinks commit their transactions; zero disables
 *     checkpointing, for bounded runs over files only (the Kafka job refuses it)
 * @param allowedLateness how far behind the last evaluation step an incident still counts; later ones are dead
 *     letters
 * @param versionHorizon how long (event time) an incident id is remembered so that a re-report retracts its previous
 *     version; at least the longest window plus the allowed lateness
 * @param transactionalIdPrefix prefix of the Kafka transactional ids of the exactly-once sinks; unique per job
 * @param transactionTimeout Kafka transaction timeout of the sinks: longer than a checkpoint, below the broker's
 *     {@code transaction.max.timeout.ms} (15 min by default)
 * @param stateBackend where keyed state lives: on the heap or in RocksDB
 * @param checkpointDir where checkpoints are stored (a URI or path), or null for the job manager's memory
 * @param scoredIncidentsTopic topic every counted incident version is written to with its model scores (key:
 *     incident id)
 */
public record HotspotJobConfig(
    String bootstrapServers,
    String incidentsTopic,
    String hotspotTopic,
    String trendsTopic,
    String deadLetterTopic,
    String groupId,
    Path modelDir,
    int resolution,
    double openRecurrenceDays,
    double closeRecurrenceDays,
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
    String checkpointDir,
    String scoredIncidentsTopic) {

  public static final String INCIDENTS_TOPIC = "incidents";
  public static final String HOTSPOT_TOPIC = "hotspot-events";
  public static final String TRENDS_TOPIC = "trends";
  public static final String DEAD_LETTER_TOPIC = "dead-letters";
  public static final String SCORED_INCIDENTS_TOPIC = "scored-incidents";
  public static final String GROUP_ID = "hotwatch-hotspots";
  /** The model bundled with the repository, relative to the repository root. */
  public static final Path BUNDLED_MODEL = Path.of("deploy", "demo", "model");

  /** The relevance model for social posts bundled with the repository, relative to its root. */
  public static final Path BUNDLED_RELEVANCE_MODEL = Path.of("deploy", "demo", "relevance-model");
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
    require(trendsTopic != null && !trendsTopic.isBlank(), "trendsTopic is empty");
    require(nonNegative(allowedLateness), "allowedLateness " + allowedLateness + " is negative");
    // validates the thresholds and the lateness against the engine's windows
    EngineSettings engine =
        EngineSettings.defaults()
            .withRecurrence(openRecurrenceDays, closeRecurrenceDays)
            .withAllowedLateness(allowedLateness);
    require(nonNegative(maxOutOfOrderness), "maxOutOfOrderness " + maxOutOfOrderness + " is negative");
    require(positive(idleness), "idleness " + idleness + " must be positive");
    require(batchSize >= 1, "batchSize " + batchSize + " must be at least 1");
    require(batchDelay != null && batchDelay.toMillis() >= 1, "batchDelay " + batchDelay + " must be at least 1 ms");
    require(parallelism >= 0, "parallelism " + parallelism + " is negative");
    require(nonNegative(checkpointInterval), "checkpointInterval " + checkpointInterval + " is negative");
    require(
        versionHorizon != null && versionHorizon.compareTo(engine.longestWindow().plus(allowedLateness)) >= 0,
        "versionHorizon " + versionHorizon + " is shorter than the longest window plus allowedLateness ("
            + engine.longestWindow().plus(allowedLateness) + "): a re-report could not retract what a window still"
            + " counts");
    require(
        transactionalIdPrefix != null && !transactionalIdPrefix.isBlank(), "transactionalIdPrefix is empty");
    require(positive(transactionTimeout), "transactionTimeout " + transactionTimeout + " must be positive");
    require(
        checkpointInterval.isZero() || transactionTimeout.compareTo(checkpointInterval) > 0,
        "transactionTimeout " + transactionTimeout + " is not longer than checkpointInterval " + checkpointInterval
            + ": every transaction would time out before its checkpoint commits it");
    require(stateBackend != null, "stateBackend is missing");
    require(
        scoredIncidentsTopic != null && !scoredIncidentsTopic.isBlank(), "scoredIncidentsTopic is empty");
  }

  /**
   * The documented defaults: resolution 8, the engine's calibrated windows and thresholds
   * ({@link EngineSettings#defaults()}), 1 h allowed lateness, re-reports retracted for 8 days, checkpoints every
   * 10 s on the heap, 10 min Kafka transactions.
   */
  public static HotspotJobConfig defaults(String bootstrapServers, Path modelDir) {
    return new HotspotJobConfig(
        bootstrapServers, INCIDENTS_TOPIC, HOTSPOT_TOPIC, TRENDS_TOPIC, DEAD_LETTER_TOPIC, GROUP_ID, modelDir,
        CellIndex.DEFAULT_RESOLUTION, EngineSettings.defaults().openRecurrenceDays(),
        EngineSettings.defaults().closeRecurrenceDays(), Duration.ofMinutes(5), Duration.ofMinutes(1), 256,
        Duration.ofMillis(50), 0, Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofDays(8),
        TRANSACTIONAL_ID_PREFIX, Duration.ofMinutes(10), StateBackend.HASHMAP, null,
        SCORED_INCIDENTS_TOPIC);
  }

  /** Every topic the job reads or writes, social ones aside: a deployment creates them before the job starts. */
  public List<String> topics() {
    return List.of(incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, scoredIncidentsTopic);
  }

  public HotspotJobConfig withTopics(String incidents, String hotspots, String deadLetters) {
    return withTopics(incidents, hotspots, trendsTopic, deadLetters);
  }

  public HotspotJobConfig withTopics(String incidents, String hotspots, String trends, String deadLetters) {
    return new HotspotJobConfig(
        bootstrapServers, incidents, hotspots, trends, deadLetters, groupId, modelDir, resolution, openRecurrenceDays,
        closeRecurrenceDays, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism, checkpointInterval,
        allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend, checkpointDir,
        scoredIncidentsTopic);
  }

  /** The same settings with another topic for the scored incidents. */
  public HotspotJobConfig withScoredIncidentsTopic(String topic) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, groupId, modelDir, resolution,
        openRecurrenceDays, closeRecurrenceDays, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend,
        checkpointDir, topic);
  }

  public HotspotJobConfig withParallelism(int newParallelism) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, groupId, modelDir, resolution,
        openRecurrenceDays, closeRecurrenceDays, maxOutOfOrderness, idleness, batchSize, batchDelay, newParallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend,
        checkpointDir, scoredIncidentsTopic);
  }

  public HotspotJobConfig withCheckpointInterval(Duration interval) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, groupId, modelDir, resolution,
        openRecurrenceDays, closeRecurrenceDays, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism,
        interval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend,
        checkpointDir, scoredIncidentsTopic);
  }

  /** The same settings with another watermark idleness (e.g. longer than any stall a test provokes). */
  public HotspotJobConfig withIdleness(Duration newIdleness) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, groupId, modelDir, resolution,
        openRecurrenceDays, closeRecurrenceDays, maxOutOfOrderness, newIdleness, batchSize, batchDelay, parallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, stateBackend,
        checkpointDir, scoredIncidentsTopic);
  }

  /** The same settings with another group id and transactional id prefix, as a second job beside this one needs. */
  public HotspotJobConfig withIdentity(String newGroupId, String newTransactionalIdPrefix) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, newGroupId, modelDir,
        resolution, openRecurrenceDays, closeRecurrenceDays, maxOutOfOrderness, idleness, batchSize, batchDelay,
        parallelism, checkpointInterval, allowedLateness, versionHorizon, newTransactionalIdPrefix,
        transactionTimeout, stateBackend, checkpointDir, scoredIncidentsTopic);
  }

  public HotspotJobConfig withStateBackend(StateBackend backend, String newCheckpointDir) {
    return new HotspotJobConfig(
        bootstrapServers, incidentsTopic, hotspotTopic, trendsTopic, deadLetterTopic, groupId, modelDir, resolution,
        openRecurrenceDays, closeRecurrenceDays, maxOutOfOrderness, idleness, batchSize, batchDelay, parallelism,
        checkpointInterval, allowedLateness, versionHorizon, transactionalIdPrefix, transactionTimeout, backend,
        newCheckpointDir, scoredIncidentsTopic);
  }

  /** The engine's settings: the calibrated defaults with this job's thresholds and allowed lateness. */
  public EngineSettings engine() {
    return EngineSettings.defaults()
        .withRecurrence(openRecurrenceDays, closeRecurrenceDays)
        .withAllowedLateness(allowedLateness);
  }

  public Path calibrationFile() {
    return modelDir.resolve(Calibration.FILE);
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
