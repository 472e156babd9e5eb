package io.hotwatch.deploy.containers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Hotspot events as a reader of committed data sees them, and what of each two runs must agree on. */
final class HotspotEvents {

  private static final ObjectMapper JSON = EventCodec.newObjectMapper();

  private HotspotEvents() {}

  /** Every hotspot event committed to {@code topic} so far, read from the start with read_committed. */
  static List<JsonNode> committed(String bootstrapServers, String topic) {
    return committedRecords(bootstrapServers, topic).stream().map(record -> parse(record.value())).toList();
  }

  /** Every record committed to {@code topic} so far, read from the start with read_committed. */
  static List<ConsumerRecord<String, String>> committedRecords(String bootstrapServers, String topic) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // for a read_committed consumer the end is the last stable offset: open transactions are not waited for
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + json, e);
    }
  }

  static Instant evaluatedAt(JsonNode event) {
    return Instant.parse(event.get("evaluatedAt").asText());
  }

  /**
   * What a hotspot event says that two runs over the same input must repeat exactly: its identity and revision, when
   * and over which window and cells it was decided, the counts and statistics, the incidents (sorted: their arrival
   * order differs between runs) and the label. The model's forecast is left to {@link #forecast}: its float outputs
   * may differ in the last bits when incidents are scored in other batches, as they are after a restart.
   */
  static String describe(JsonNode e) {
    return String.join(
        " ",
        e.get("type").asText(), e.get("hotspotId").asText(), "#" + e.get("revision").asInt(),
        e.get("evaluatedAt").asText(), e.get("windowStart").asText(), e.get("windowEnd").asText(),
        e.get("cells").toString(), "observed=" + e.get("observed").asLong(), "expected=" + e.get("expected").asDouble(),
        "p=" + e.get("pValue").asDouble(), "every=" + e.get("recurrenceIntervalDays").asDouble(),
        sorted(e.get("categories")).toString(), sortedTexts(e.get("incidentIds")).toString(), e.get("label").asText());
  }

  /** True when both events forecast the same categories with probabilities within 1e-4 of each other. */
  static boolean sameForecast(JsonNode a, JsonNode b) {
    JsonNode fa = a.path("forecast");
    JsonNode fb = b.path("forecast");
    if (fa.size() != fb.size()) {
      return false;
    }
    for (var it = fa.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (!fb.has(f.getKey()) || Math.abs(f.getValue().asDouble() - fb.get(f.getKey()).asDouble()) > 1e-4) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, String> sorted(JsonNode object) {
    Map<String, String> sorted = new TreeMap<>();
    object.fields().forEachRemaining(f -> sorted.put(f.getKey(), f.getValue().asText()));
    return sorted;
  }

  private static List<String> sortedTexts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).sorted().toList();
  }
}
