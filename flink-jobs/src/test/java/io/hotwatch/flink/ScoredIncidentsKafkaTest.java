package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.uber.h3core.H3Core;
import io.hotwatch.core.event.CategoryProbability;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.kafka.KafkaConnectors;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
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
 * The job as {@code main} wires it, on a day of real Chicago incidents: the scored-incidents topic gets, in committed
 * transactions, exactly one record per incident (a byte-identical repeat adds none, a bad record none), keyed by its
 * id, whose top three categories, probability and surprise are what the bundled model gives that incident in the
 * context training builds (its local history over the same incidents in time order).
 */
class ScoredIncidentsKafkaTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestCluster.twoSlots();

  private static final String SCORED = HotspotJobConfig.SCORED_INCIDENTS_TOPIC;
  private static final Instant FROM = Instant.parse("2017-07-10T05:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-11T05:00:00Z");
  /** The job's batches differ from the one-incident calls below in summation order only. */
  private static final double FLOAT_NOISE = 1e-5;

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(
        2, HotspotJobConfig.INCIDENTS_TOPIC, HotspotJobConfig.HOTSPOT_TOPIC, HotspotJobConfig.TRENDS_TOPIC,
        HotspotJobConfig.DEAD_LETTER_TOPIC, SCORED);
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyScoredIncidentIsPublishedOnceWithTheModelsScores() throws Exception {
    List<Incident> day = TestData.chicago2017(FROM, TO);
    // one later incident per partition moves event time past the whole day, so the scorer releases all of it; they
    // stay behind the watermark themselves and are not scored
    List<Incident> later = TestData.chicago2017(TO.plus(Duration.ofHours(1)), TO.plus(Duration.ofHours(2)));
    EventCodec codec = new EventCodec();
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < day.size(); i++) {
      Incident incident = day.get(i);
      records.add(new ProducerRecord<>(HotspotJobConfig.INCIDENTS_TOPIC, i % 2, incident.id(), codec.encode(incident)));
      if (i % 100 == 0) { // a replayed record, byte for byte
        records.add(
            new ProducerRecord<>(HotspotJobConfig.INCIDENTS_TOPIC, i % 2, incident.id(), codec.encode(incident)));
      }
    }
    records.add(new ProducerRecord<>(HotspotJobConfig.INCIDENTS_TOPIC, 0, "bad", "{\"id\": \"not an incident\"}"));
    for (int p = 0; p < 2; p++) {
      Incident sentinel = later.get(p);
      records.add(new ProducerRecord<>(HotspotJobConfig.INCIDENTS_TOPIC, p, sentinel.id(), codec.encode(sentinel)));
    }
    KafkaTestSupport.send(kafka.bootstrapServers(), records);

    HotspotJobConfig config =
        HotspotJobConfig.defaults(kafka.bootstrapServers(), TestData.bundledModel())
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofSeconds(1));
    long started = System.nanoTime();
    JobClient job = HotspotJob.start(config, StreamExecutionEnvironment.getExecutionEnvironment());
    List<ConsumerRecord<String, String>> published = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = committedReader()) {
      await().atMost(Duration.ofSeconds(120)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(published::add);
        return published.size() >= day.size();
      });
      System.out.printf(
          "scored incidents: %d committed after %d ms%n", published.size(), (System.nanoTime() - started) / 1_000_000);
      // three more checkpoints: a repeat or a sentinel published late would show now
      long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
      while (System.nanoTime() < until) {
        consumer.poll(Duration.ofMillis(200)).forEach(published::add);
      }
    } finally {
      job.cancel().get();
    }

    ObjectMapper mapper = codec.mapper();
    Map<String, IncidentScore> byId = new HashMap<>();
    for (ConsumerRecord<String, String> record : published) {
      IncidentScore score = mapper.readValue(record.value(), IncidentScore.class);
      assertThat(record.key()).isEqualTo(score.incidentId());
      assertThat(byId.put(score.incidentId(), score)).as("second record for %s", score.incidentId()).isNull();
    }
    assertThat(byId.keySet())
        .containsExactlyInAnyOrderElementsOf(day.stream().map(Incident::id).collect(Collectors.toSet()));

    CategoryModel model = CategoryModel.load(TestData.bundledModel());
    String checksum =
        "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(Files.readAllBytes(TestData.bundledModel().resolve(CategoryModel.NETWORK_FILE))));
    H3Core h3 = H3Core.newInstance();
    int surprising = 0;
    for (IncidentContext context : model.contexts(day)) {
      Incident incident = context.incident();
      IncidentScore score = byId.get(incident.id());
      float[] byOrdinal = byOrdinal(model, model.predictInContext(List.of(context))[0]);
      double p = byOrdinal[CrimeCategory.parse(incident.category()).ordinal()];

      assertThat(score.kind()).isEqualTo(IncidentScore.KIND);
      assertThat(score.occurredAt()).isEqualTo(incident.occurredAt());
      assertThat(score.latitude()).isEqualTo(incident.latitude());
      assertThat(score.longitude()).isEqualTo(incident.longitude());
      assertThat(score.district()).isEqualTo(incident.district());
      assertThat(score.beat()).isEqualTo(incident.beat());
      assertThat(score.category()).isEqualTo(incident.category());
      assertThat(score.cell())
          .isEqualTo(h3.latLngToCellAddress(incident.latitude(), incident.longitude(), config.resolution()));
      assertThat(score.probability()).isCloseTo(p, within(FLOAT_NOISE));
      assertThat(score.surprise()).isCloseTo(-Math.log(Math.max(p, 1e-6)), within(1e-4));
      assertThat(score.model().checksum()).isEqualTo(checksum);
      assertThat(score.model().featureSchemaVersion()).isEqualTo(model.metadata().featureSchemaVersion());
      assertThat(score.model().trainedTo()).isEqualTo(model.metadata().trainedTo());

      List<CategoryProbability> expected = CategoryProbability.top(byOrdinal, 3);
      assertThat(score.top()).hasSize(3);
      for (int k = 0; k < 3; k++) {
        assertThat(score.top().get(k).probability())
            .as("%s top %d", incident.id(), k)
            .isCloseTo(expected.get(k).probability(), within(FLOAT_NOISE));
        boolean nearTie = k + 1 < 3 && expected.get(k).probability() - expected.get(k + 1).probability() < FLOAT_NOISE;
        if (!nearTie) {
          assertThat(score.top().get(k).category()).as("%s top %d", incident.id(), k)
              .isEqualTo(expected.get(k).category());
        }
      }
      surprising += score.surprise() > 2 ? 1 : 0;
    }
    // the check means something only if the model is not always right: some reports surprise it
    assertThat(surprising).isGreaterThan(day.size() / 20);
  }

  /** The model's outputs as probabilities by category ordinal, as the job keeps them. */
  private static float[] byOrdinal(CategoryModel model, float[] outputs) {
    float[] byOrdinal = new float[CrimeCategory.values().length];
    for (int o = 0; o < outputs.length; o++) {
      byOrdinal[CrimeCategory.parse(model.categories().get(o)).ordinal()] = outputs[o];
    }
    return byOrdinal;
  }

  private static KafkaConsumer<String, String> committedReader() {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, KafkaConnectors.READ_COMMITTED,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    List<TopicPartition> partitions = List.of(new TopicPartition(SCORED, 0), new TopicPartition(SCORED, 1));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
