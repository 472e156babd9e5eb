package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.uber.h3core.H3Core;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.flink.kafka.KafkaConnectors;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job as {@code main} wires it (Kafka source, exactly-once Kafka sinks, unbounded) on a MiniCluster: bad records
 * mixed among real incidents all end in the dead-letter topic with their reasons, and the real incidents still make
 * their hotspot. Output is read as the dashboard reads it, committed transactions only.
 */
class HotspotJobKafkaTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestCluster.twoSlots();

  private static final String INCIDENTS = "incidents";
  private static final String HOTSPOTS = "hotspot-events";
  private static final String DEAD_LETTERS = "dead-letters";
  private static final Instant FROM = Instant.parse("2017-07-01T05:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-04T05:00:00Z");

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(
        2, INCIDENTS, HOTSPOTS, DEAD_LETTERS, HotspotJobConfig.TRENDS_TOPIC, HotspotJobConfig.SCORED_INCIDENTS_TOPIC);
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static final Duration WINDOW = Duration.ofHours(1);

  /** The busiest real cell-hour of the three days: the incidents of the one window that holds the most of one cell. */
  record Busiest(String cell, Instant windowEnd, List<Incident> incidents) {}

  static Busiest busiestWindow(List<Incident> all, HotspotJobConfig config) throws Exception {
    H3Core h3 = H3Core.newInstance();
    long size = WINDOW.toMillis();
    long slide = config.engine().step().toMillis();
    Map<String, List<Incident>> windows = new HashMap<>();
    for (Incident i : all) {
      String cell = h3.latLngToCellAddress(i.latitude(), i.longitude(), config.resolution());
      long t = i.occurredAt().toEpochMilli();
      for (long start = t - Math.floorMod(t, slide); start > t - size; start -= slide) {
        windows.computeIfAbsent(cell + "@" + (start + size), k -> new ArrayList<>()).add(i);
      }
    }
    Map.Entry<String, List<Incident>> max =
        windows.entrySet().stream()
            .max(Comparator.<Map.Entry<String, List<Incident>>>comparingInt(e -> e.getValue().size())
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
            .orElseThrow();
    String[] key = max.getKey().split("@");
    return new Busiest(key[0], Instant.ofEpochMilli(Long.parseLong(key[1])), max.getValue());
  }

  @Test
  void badRecordsBecomeDeadLettersAndGoodOnesStillMakeTheirHotspot() throws Exception {
    HotspotJobConfig config =
        HotspotJobConfig.defaults(kafka.bootstrapServers(), TestData.bundledModel())
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofSeconds(1));
    EventCodec codec = new EventCodec();
    ObjectMapper json = codec.mapper();

    List<Incident> all = TestData.chicago2017(FROM, TO);
    Busiest busiest = busiestWindow(all, config);
    BaselineRates baseline = BaselineRates.load(config.baselineFile());
    Instant end = busiest.windowEnd();
    double expected = baseline.expected(busiest.cell(), end.minus(WINDOW), end);
    int n = busiest.incidents().size();
    // sent on their own (no other incident near them in time), they are the whole city's count in their hour
    assertThat(n).as("%d incidents where %.2f were expected", n, expected).isGreaterThanOrEqualTo(4);
    assertThat(expected).isLessThan(1);
    // two later real incidents, one per partition, move event time past the busy window in both partitions, and past
    // its allowed lateness
    List<Incident> later =
        all.stream().filter(i -> i.occurredAt().isAfter(end.plus(Duration.ofHours(3)))).limit(2).toList();
    Incident early = all.get(0);
    assertThat(early.occurredAt()).isBefore(end.minus(Duration.ofHours(3)));

    Incident template = busiest.incidents().get(0);
    Map<String, String> bad = new LinkedHashMap<>(); // payload -> what its dead letter's reason must say
    bad.put(codec.encode(template).substring(0, 50), "malformed JSON");
    bad.put(without(json, template, "category"), "field 'category' is missing");
    bad.put(with(json, template, "latitude", "91.0"), "latitude 91.0 is outside [-90, 90]");
    bad.put(with(json, template, "occurredAt", "\"1985-07-01T12:00:00Z\""), "before 1990");
    bad.put(
        with(json, template, "occurredAt", "\"" + Instant.now().plus(Duration.ofDays(7)) + "\""), "in the future");
    bad.put("[\"not\", \"an\", \"incident\"]", "record is not a JSON object");

    List<ProducerRecord<String, String>> records = new ArrayList<>();
    List<String> badPayloads = List.copyOf(bad.keySet());
    for (int i = 0; i < Math.max(n, badPayloads.size()); i++) {
      if (i < n) {
        Incident good = busiest.incidents().get(i);
        records.add(new ProducerRecord<>(INCIDENTS, i % 2, good.id(), codec.encode(good)));
      }
      if (i < badPayloads.size()) {
        records.add(new ProducerRecord<>(INCIDENTS, (i + 1) % 2, "bad-" + i, badPayloads.get(i)));
      }
    }
    records.add(new ProducerRecord<>(INCIDENTS, 0, later.get(0).id(), codec.encode(later.get(0))));
    records.add(new ProducerRecord<>(INCIDENTS, 1, later.get(1).id(), codec.encode(later.get(1))));
    KafkaTestSupport.send(kafka.bootstrapServers(), records);

    long started = System.nanoTime();
    JobClient job = HotspotJob.start(config, StreamExecutionEnvironment.getExecutionEnvironment());
    try (Output out = new Output(kafka.bootstrapServers())) {
      Set<String> good = busiest.incidents().stream().map(Incident::id).collect(Collectors.toSet());
      // every good incident is processed: the hotspot they make comes to count all of them
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        out.poll();
        return out.deadLetters.size() >= bad.size()
            && out.hotspots.stream().anyMatch(e -> Set.copyOf(e.value().incidentIds()).equals(good));
      });
      System.out.printf("kafka job: dead letters and hotspot after %d ms%n", (System.nanoTime() - started) / 1_000_000);

      assertThat(out.deadLetters).hasSize(bad.size());
      Map<String, DeadLetter> byPayload =
          out.deadLetters.stream().collect(Collectors.toMap(DeadLetter::payload, d -> d));
      assertThat(byPayload.keySet()).containsExactlyInAnyOrderElementsOf(bad.keySet());
      bad.forEach((payload, reason) -> {
        assertThat(byPayload.get(payload).reason()).contains(reason);
        assertThat(byPayload.get(payload).topic()).isEqualTo(INCIDENTS);
      });

      ConsumerRecord<String, HotspotAlert> hotspot =
          out.hotspots.stream()
              .filter(e -> e.value().type().equals(HotspotAlert.OPENED))
              .findFirst()
              .orElseThrow();
      assertThat(hotspot.key()).isEqualTo(hotspot.value().hotspotId());
      assertThat(hotspot.value().cells()).contains(busiest.cell());
      assertThat(hotspot.value().observed()).isEqualTo(hotspot.value().incidentIds().size()).isGreaterThanOrEqualTo(3);
      assertThat(good).containsAll(hotspot.value().incidentIds());
      List<HotspotAlert> life =
          out.hotspots.stream()
              .map(ConsumerRecord::value)
              .filter(a -> a.hotspotId().equals(hotspot.value().hotspotId()))
              .toList();
      assertThat(life).anySatisfy(a -> {
        assertThat(a.observed()).isEqualTo(n);
        assertThat(Set.copyOf(a.incidentIds())).isEqualTo(good);
      });

      // now that event time has passed it, an incident from hours before is late for every window it belongs to
      KafkaTestSupport.send(
          kafka.bootstrapServers(), List.of(new ProducerRecord<>(INCIDENTS, 0, early.id(), codec.encode(early))));
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        out.poll();
        return out.deadLetters.size() > bad.size();
      });
      DeadLetter late = out.deadLetters.get(bad.size());
      assertThat(late.reason()).startsWith("late: occurredAt " + early.occurredAt());
      assertThat(codec.decodeIncident(late.payload())).isEqualTo(early);
    } finally {
      job.cancel().get();
    }
  }

  private static String without(ObjectMapper json, Incident incident, String field) {
    ObjectNode node = json.valueToTree(incident);
    node.remove(field);
    return node.toString();
  }

  private static String with(ObjectMapper json, Incident incident, String field, String rawValue) throws Exception {
    ObjectNode node = json.valueToTree(incident);
    node.set(field, json.readTree(rawValue));
    return node.toString();
  }

  /** Reads the job's two output topics from the beginning. */
  private static final class Output implements AutoCloseable {
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<ConsumerRecord<String, HotspotAlert>> hotspots = new ArrayList<>();
    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper mapper = EventCodec.newObjectMapper();

    Output(String bootstrapServers) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                  ConsumerConfig.ISOLATION_LEVEL_CONFIG, KafkaConnectors.READ_COMMITTED,
                  ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                  ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        partitions.add(new TopicPartition(DEAD_LETTERS, p));
        partitions.add(new TopicPartition(HOTSPOTS, p));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    void poll() throws Exception {
      for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
        if (r.topic().equals(DEAD_LETTERS)) {
          deadLetters.add(mapper.readValue(r.value(), DeadLetter.class));
        } else {
          HotspotAlert event = mapper.readValue(r.value(), HotspotAlert.class);
          hotspots.add(
              new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), event));
        }
      }
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
