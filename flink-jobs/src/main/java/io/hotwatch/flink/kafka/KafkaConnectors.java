package io.hotwatch.flink.kafka;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.flink.HotspotJobConfig;
import io.hotwatch.flink.event.ParsedIncident;
import io.hotwatch.flink.functions.IncidentParser;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's Kafka source and sinks, as the topic contract describes them. */
public final class KafkaConnectors {

  private KafkaConnectors() {}

  /**
   * Incidents, parsed in the source so that watermarks are per partition; resumes from the group's committed offsets,
   * or from the beginning of the topic on the group's first run.
   */
  public static KafkaSource<ParsedIncident> incidents(HotspotJobConfig config) {
    return KafkaSource.<ParsedIncident>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setTopics(config.incidentsTopic())
        .setGroupId(config.groupId())
        .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
        .setDeserializer(new IncidentParser())
        .build();
  }

  /** Hotspot events keyed by cell id. At-least-once: a replayed event repeats a state the consumer already has. */
  public static KafkaSink<HotspotEvent> hotspots(HotspotJobConfig config) {
    return KafkaSink.<HotspotEvent>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setRecordSerializer(new JsonRecordSerializer<>(config.hotspotTopic(), HotspotEvent::cellId))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }

  /** Dead letters, unkeyed. */
  public static KafkaSink<DeadLetter> deadLetters(HotspotJobConfig config) {
    return KafkaSink.<DeadLetter>builder()
        .setBootstrapServers(config.bootstrapServers())
        .setRecordSerializer(new JsonRecordSerializer<DeadLetter>(config.deadLetterTopic(), d -> null))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .build();
  }
}
