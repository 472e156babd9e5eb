package io.hotwatch.flink.kafka;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.EarlySignal;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.flink.HotspotJobConfig;
import io.hotwatch.flink.event.ParsedIncident;
import io.hotwatch.flink.functions.IncidentParser;
import io.hotwatch.flink.social.ParsedPost;
import io.hotwatch.flink.social.SocialPostParser;
import java.util.Map;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * The job's Kafka source and sinks, as the topic contract describes them.
 *
 * <p>The sinks are exactly-once: each checkpoint's output is one Kafka transaction per sink subtask, committed when the
 * checkpoint completes and aborted when the job fails before that. Consumers that must not see output a failure took
 * back read with {@code isolation.level=read_committed} (and see it one checkpoint later).
 */
public final class KafkaConnectors {

  /** The isolation level of every reader of the job's output (and of the job itself). */
  public static final String READ_COMMITTED = "read_committed";

  private KafkaConnectors() {}

  /**
   * Incidents, parsed in the source so that watermarks are per partition; resumes from the group's committed offsets,
   * or from the beginning of the topic on the group's first run. Reads committed records only, so an upstream writer's
   * aborted transactions are never counted.
   */
  public static KafkaSource<ParsedIncident> incidents(HotspotJobConfig config) {
    return KafkaSource.<ParsedIncident>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(config.incidentsTopic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new IncidentParser())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED)
        .build();
  }

  /**
   * As {@link #incidents(HotspotJobConfig)}, but bounded: each partition is read up to the given offset (exclusive)
   * and then the source ends, as a file does. For a topic whose whole content is known in advance (a replay).
   */
  public static KafkaSource<ParsedIncident> incidentsUpTo(
      HotspotJobConfig config, Map<TopicPartition, Long> endOffsets) {
    return KafkaSource.<ParsedIncident>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(config.incidentsTopic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setBounded(OffsetsInitializer.offsets(endOffsets))
        .setDeserializer(new IncidentParser())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED)
        .build();
  }

  /** Social posts of {@code topic}, parsed in the source, read committed, from the group's offsets. */
  public static KafkaSource<ParsedPost> socialPosts(HotspotJobConfig config, String topic) {
    return KafkaSource.<ParsedPost>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(topic)
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new SocialPostParser())
        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, READ_COMMITTED)
        .build();
  }

  /** Hotspot alerts keyed by hotspot id, so that every event of one hotspot lands in one partition, in order. */
  public static KafkaSink<HotspotAlert> hotspots(HotspotJobConfig config) {
    return exactlyOnce(
        config, "hotspots", new JsonRecordSerializer<>(config.hotspotTopic(), HotspotAlert::hotspotId));
  }

  /** Rolling trends keyed by district|category. */
  public static KafkaSink<TrendEvent> trends(HotspotJobConfig config) {
    return exactlyOnce(config, "trends", new JsonRecordSerializer<>(config.trendsTopic(), TrendEvent::key));
  }

  /** Every counted incident version with its model scores, keyed by incident id (a re-report replaces it). */
  public static KafkaSink<IncidentScore> scoredIncidents(HotspotJobConfig config) {
    return exactlyOnce(
        config, "scored-incidents",
        new JsonRecordSerializer<>(config.scoredIncidentsTopic(), IncidentScore::incidentId));
  }

  /** Early signals from social posts, keyed by signal id. */
  public static KafkaSink<EarlySignal> earlySignals(HotspotJobConfig config, String topic) {
    return exactlyOnce(config, "early-signals", new JsonRecordSerializer<>(topic, EarlySignal::signalId));
  }

  /** Dead letters, unkeyed, exactly once. */
  public static KafkaSink<DeadLetter> deadLetters(HotspotJobConfig config) {
    return exactlyOnce(
        config, "dead-letters", new JsonRecordSerializer<DeadLetter>(config.deadLetterTopic(), d -> null));
  }

  /**
   * A transactional sink. Each sink of the job needs its own transactional id prefix: the ids of a restarted job are
   * derived from it to abort what the failed attempt left open.
   */
  private static <T> KafkaSink<T> exactlyOnce(
      HotspotJobConfig config, String sinkName, KafkaRecordSerializationSchema<T> serializer) {
    return KafkaSink.<T>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-" + sinkName)
        // the connector's default (1 h) is above the broker's default transaction.max.timeout.ms (15 min)
        .setProperty(
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(config.transactionTimeout().toMillis()))
        .build();
  }
}
