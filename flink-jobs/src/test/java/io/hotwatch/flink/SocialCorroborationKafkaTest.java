package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.EarlySignal;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.social.RelevanceModel;
import io.hotwatch.core.source.CrisisLexReader;
import io.hotwatch.core.source.LabelledPost;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.flink.kafka.KafkaConnectors;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job with its social branch, as {@code main} wires it: real CrisisLexT26 post texts placed (simulated) beside
 * the real incidents of the busiest cell-hour of three July days, a post elsewhere, one without coordinates and a
 * malformed one. The hotspot those incidents make carries exactly the placed posts the bundled relevance model calls
 * related; the malformed post is a dead letter. The placing is the only fake: no geotagged Chicago posts exist.
 */
class SocialCorroborationKafkaTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestCluster.twoSlots();

  private static final String INCIDENTS = "incidents";
  private static final String POSTS = "social-posts";
  private static final String HOTSPOTS = "hotspot-events";
  private static final String DEAD_LETTERS = "dead-letters";
  private static final String SIGNALS = HotspotJob.SocialSettings.SIGNALS_TOPIC;
  private static final Instant FROM = Instant.parse("2017-07-01T05:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-04T05:00:00Z");
  private static final Path RELEVANCE = Path.of("../deploy/demo/relevance-model");

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(
        2, INCIDENTS, POSTS, HOTSPOTS, DEAD_LETTERS, SIGNALS, HotspotJobConfig.TRENDS_TOPIC,
        HotspotJobConfig.SCORED_INCIDENTS_TOPIC);
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theHotspotCarriesThePlacedRelatedPostsAndABadPostIsADeadLetter() throws Exception {
    HotspotJobConfig config =
        HotspotJobConfig.defaults(kafka.bootstrapServers(), TestData.bundledModel())
            .withTopics(INCIDENTS, HOTSPOTS, DEAD_LETTERS)
            .withParallelism(2)
            .withCheckpointInterval(Duration.ofSeconds(1));
    EventCodec codec = new EventCodec();
    List<Incident> all = TestData.chicago2017(FROM, TO);
    HotspotJobKafkaTest.Busiest busiest = HotspotJobKafkaTest.busiestWindow(all, config);

    // eight real texts of a crime-like event labelled related; one placed a minute after each of the busy incidents
    List<String> texts = texts("2013_LA_airport_shootings", 8);
    List<SocialPost> placed = new ArrayList<>();
    for (int i = 0; i < Math.min(texts.size() - 2, busiest.incidents().size()); i++) {
      Incident at = busiest.incidents().get(i);
      Instant when = at.occurredAt().plusSeconds(60);
      if (when.isBefore(busiest.windowEnd())) {
        placed.add(post("sim-" + i, when, texts.get(i), at.latitude(), at.longitude()));
      }
    }
    assertThat(placed).isNotEmpty();
    Instant inWindow = busiest.windowEnd().minusSeconds(60);
    SocialPost far = post("sim-far", inWindow, texts.get(texts.size() - 2), 41.98, -87.80);
    SocialPost unplaced = post("sim-unplaced", inWindow, texts.get(texts.size() - 1), null, null);
    RelevanceModel model = RelevanceModel.load(RELEVANCE);
    float[] scores = model.score(placed.stream().map(SocialPost::text).toList());
    Set<String> related = new HashSet<>();
    for (int i = 0; i < scores.length; i++) {
      if (model.isRelevant(scores[i])) {
        related.add(placed.get(i).id());
      }
    }
    assertThat(related).as("the model must call three placed posts related for this test to mean anything")
        .hasSizeGreaterThanOrEqualTo(3);

    List<ProducerRecord<String, String>> posts = new ArrayList<>();
    Stream.concat(placed.stream(), Stream.of(far, unplaced))
        .forEach(p -> posts.add(new ProducerRecord<>(POSTS, p.id(), codec.encode(p))));
    String malformed = codec.encode(far).substring(0, 40);
    posts.add(new ProducerRecord<>(POSTS, "bad", malformed));
    KafkaTestSupport.send(kafka.bootstrapServers(), posts);

    JobClient job =
        HotspotJob.start(
            config, StreamExecutionEnvironment.getExecutionEnvironment(),
            HotspotJob.SocialSettings.of(POSTS, RELEVANCE));
    try (KafkaConsumer<String, String> out = consumer(); Admin admin = admin()) {
      // a hotspot event leaves with the posts held when it arrives: let a checkpoint commit the posts' offsets (every
      // operator has then taken them in) before the incidents that make the hotspot are sent
      await().atMost(Duration.ofSeconds(60)).until(() -> committed(admin, POSTS) >= posts.size());

      List<Incident> later =
          all.stream().filter(i -> i.occurredAt().isAfter(busiest.windowEnd().plus(Duration.ofHours(3)))).limit(2)
              .toList();
      List<ProducerRecord<String, String>> incidents = new ArrayList<>();
      for (int i = 0; i < busiest.incidents().size(); i++) {
        Incident good = busiest.incidents().get(i);
        incidents.add(new ProducerRecord<>(INCIDENTS, i % 2, good.id(), codec.encode(good)));
      }
      incidents.add(new ProducerRecord<>(INCIDENTS, 0, later.get(0).id(), codec.encode(later.get(0))));
      incidents.add(new ProducerRecord<>(INCIDENTS, 1, later.get(1).id(), codec.encode(later.get(1))));
      KafkaTestSupport.send(kafka.bootstrapServers(), incidents);

      List<HotspotAlert> hotspots = new ArrayList<>();
      List<DeadLetter> letters = new ArrayList<>();
      List<EarlySignal> signals = new ArrayList<>();
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        for (ConsumerRecord<String, String> r : out.poll(Duration.ofMillis(200))) {
          if (r.topic().equals(HOTSPOTS)) {
            hotspots.add(codec.mapper().readValue(r.value(), HotspotAlert.class));
          } else if (r.topic().equals(SIGNALS)) {
            signals.add(codec.mapper().readValue(r.value(), EarlySignal.class));
          } else {
            letters.add(codec.mapper().readValue(r.value(), DeadLetter.class));
          }
        }
        return !letters.isEmpty()
            && hotspots.stream().anyMatch(h -> h.type().equals(HotspotAlert.OPENED)
                && h.cells().contains(busiest.cell()));
      });

      HotspotAlert opened =
          hotspots.stream()
              .filter(h -> h.type().equals(HotspotAlert.OPENED) && h.cells().contains(busiest.cell()))
              .findFirst()
              .orElseThrow();
      Set<String> expected =
          placed.stream()
              .filter(p -> related.contains(p.id()))
              .filter(p -> !p.postedAt().isBefore(opened.windowStart()) && p.postedAt().isBefore(opened.windowEnd()))
              .map(SocialPost::id)
              .collect(Collectors.toSet());
      assertThat(opened.corroboration()).isNotNull();
      assertThat(Set.copyOf(opened.corroboration().postIds())).isEqualTo(expected);
      assertThat(opened.corroboration().posts()).isEqualTo(expected.size());
      assertThat(opened.corroboration().simulated()).isEqualTo(!expected.isEmpty());
      assertThat(opened.observed()).isEqualTo(opened.incidentIds().size());
      // the related posts came before their incidents, all in one cell within the hour: one early signal
      assertThat(signals).singleElement().satisfies(signal -> {
        assertThat(signal.posts()).isGreaterThanOrEqualTo(3);
        assertThat(related).containsAll(signal.postIds());
        assertThat(signal.simulated()).isTrue();
        assertThat(signal.cells()).contains(busiest.cell());
      });
      System.out.printf("social: %d placed posts, %d related, %d early signals%n", placed.size(), related.size(),
          signals.size());
      assertThat(letters).singleElement().satisfies(d -> {
        assertThat(d.topic()).isEqualTo(POSTS);
        assertThat(d.payload()).isEqualTo(malformed);
      });
    } finally {
      job.cancel().get();
    }
  }

  private static SocialPost post(String id, Instant at, String text, Double latitude, Double longitude) {
    return new SocialPost(id, SocialPost.SIMULATED_PREFIX + "crisislext26", at, text, latitude, longitude, "a1b2");
  }

  /** The first {@code n} texts of one CrisisLexT26 event labelled related and informative, in file order. */
  private static List<String> texts(String event, int n) throws Exception {
    Path file = TestData.dataDir().resolve("crisislext26-tweets").resolve(event).resolve(event + "-tweets_labeled.csv");
    try (Stream<ParsedRow<LabelledPost>> rows = CrisisLexReader.readLabelled(file)) {
      return rows.map(ParsedRow::value)
          .filter(Objects::nonNull)
          .filter(p -> p.informativeness().startsWith("Related and informative"))
          .map(p -> p.post().text())
          .limit(n)
          .toList();
    }
  }

  private static long committed(Admin admin, String topic) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(HotspotJobConfig.GROUP_ID).partitionsToOffsetAndMetadata().get();
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  private static Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  private static KafkaConsumer<String, String> consumer() {
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, KafkaConnectors.READ_COMMITTED,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    List<TopicPartition> partitions = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      partitions.add(new TopicPartition(DEAD_LETTERS, p));
      partitions.add(new TopicPartition(HOTSPOTS, p));
      partitions.add(new TopicPartition(SIGNALS, p));
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return consumer;
  }
}
