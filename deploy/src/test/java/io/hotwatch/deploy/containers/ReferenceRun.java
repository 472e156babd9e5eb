package io.hotwatch.deploy.containers;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.flink.DetectJob;
import io.hotwatch.flink.HotspotJobConfig;
import io.hotwatch.flink.event.ParsedIncident;
import io.hotwatch.flink.functions.IncidentParser;
import io.hotwatch.flink.kafka.KafkaConnectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * An uninterrupted run of the job's workflow in this JVM (a Flink MiniCluster, as {@code hotwatch detect} runs it)
 * over a topic read once from its start to its current end, with the settings the containers' job has: the hotspot
 * events a run without failures, restarts or rescaling makes of that input.
 */
final class ReferenceRun {

  private ReferenceRun() {}

  /** The hotspot events of the workflow over {@code topic}, at parallelism 2, with the job's {@code idleness}. */
  static List<JsonNode> hotspotEvents(String bootstrapServers, String topic, Path modelDir, Duration idleness)
      throws Exception {
    KafkaSource<ParsedIncident> source =
        KafkaSource.<ParsedIncident>builder()
            .setBootstrapServers(bootstrapServers)
            .setTopics(topic)
            .setGroupId("reference-" + topic)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setDeserializer(new IncidentParser())
            .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, KafkaConnectors.READ_COMMITTED)
            .build();
    HotspotJobConfig config = DetectJob.fileConfig(modelDir).withIdleness(idleness).withParallelism(2);
    Path output = Files.createTempFile("hotwatch-reference-", ".jsonl");
    try {
      DetectJob.run(StreamExecutionEnvironment.createLocalEnvironment(2, new Configuration()), source, config, output);
      return Files.readAllLines(output).stream()
          .map(HotspotEvents::parse)
          .filter(line -> "hotspot".equals(line.path("kind").asText()))
          .toList();
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
