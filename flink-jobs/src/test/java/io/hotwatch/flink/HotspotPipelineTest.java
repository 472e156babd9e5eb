package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.uber.h3core.H3Core;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline on a MiniCluster (parallelism 2) over a week of real Chicago incidents read from a real Kafka
 * topic: every hotspot alert is checked against the input with this test's own H3 cells and counts, the bundled
 * baseline and the model, and every hotspot's life is checked for order.
 */
class HotspotPipelineTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestCluster.twoSlots();

  private static final Instant FROM = Instant.parse("2017-07-16T05:00:00Z"); // midnight in Chicago
  private static final Instant TO = Instant.parse("2017-07-23T05:00:00Z");

  private static EmbeddedKafka kafka;
  private static List<Incident> incidents;

  @BeforeAll
  static void produceRealIncidents() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(2, "incidents");
    incidents = TestData.chicago2017(FROM, TO);
    EventCodec codec = new EventCodec();
    // in time order, keyed by id as the topic contract says: each partition is in time order
    KafkaTestSupport.send(
        kafka.bootstrapServers(),
        incidents.stream().map(i -> new ProducerRecord<>("incidents", i.id(), codec.encode(i))).toList());
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void everyAlertOfRealIncidentsCountsExactlyTheIncidentsInItsCellsAndWindow() throws Exception {
    HotspotJobConfig config = HotspotJobConfig.defaults(kafka.bootstrapServers(), TestData.bundledModel());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);

    List<CloseableIterator<HotspotAlert>> hotspotOut = new ArrayList<>();
    List<CloseableIterator<TrendEvent>> trendOut = new ArrayList<>();
    List<CloseableIterator<DeadLetter>> deadLetterOut = new ArrayList<>();
    HotspotJob.defineWorkflow(
        env,
        KafkaTestSupport.boundedIncidents(kafka.bootstrapServers(), "incidents"),
        config,
        new HotspotJob.Sinks(
            hotspots -> hotspotOut.add(hotspots.collectAsync()),
            trends -> trendOut.add(trends.collectAsync()),
            deadLetters -> deadLetterOut.add(deadLetters.collectAsync())));
    long started = System.nanoTime();
    env.executeAsync("hotspot pipeline test");
    CompletableFuture<List<DeadLetter>> letters = drain(deadLetterOut.get(0));
    CompletableFuture<List<TrendEvent>> trends = drain(trendOut.get(0));
    List<HotspotAlert> alerts = drain(hotspotOut.get(0)).get();
    System.out.printf(
        "pipeline: %d incidents, %d hotspot events, %d trends in %d ms%n",
        incidents.size(), alerts.size(), trends.get().size(), (System.nanoTime() - started) / 1_000_000);

    assertThat(incidents).hasSizeGreaterThan(2000);
    assertThat(letters.get()).isEmpty();
    assertThat(trends.get()).isNotEmpty();
    assertThat(alerts.stream().filter(a -> a.type().equals(HotspotAlert.OPENED)))
        .as("the data must hold hotspots for this test to mean anything")
        .hasSizeGreaterThan(1);

    checkLifecycles(alerts);
    checkContents(alerts, BaselineRates.load(config.baselineFile()));
  }

  private static <T> CompletableFuture<List<T>> drain(CloseableIterator<T> iterator) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<T> all = new ArrayList<>();
          iterator.forEachRemaining(all::add);
          return all;
        });
  }

  /** Per hotspot: opened first, revisions 0, 1, 2, ... without a gap or a repeat, nothing after closed. */
  private static void checkLifecycles(List<HotspotAlert> alerts) {
    Map<String, List<HotspotAlert>> byId =
        alerts.stream().collect(Collectors.groupingBy(HotspotAlert::hotspotId, LinkedHashMap::new,
            Collectors.toList()));
    byId.forEach((id, life) -> {
      assertThat(life.get(0).type()).as(id).isEqualTo(HotspotAlert.OPENED);
      for (int r = 0; r < life.size(); r++) {
        assertThat(life.get(r).revision()).as(id).isEqualTo(r);
        if (r > 0) {
          assertThat(life.get(r).type()).as(id).isNotEqualTo(HotspotAlert.OPENED);
        }
        if (life.get(r).type().equals(HotspotAlert.CLOSED)) {
          assertThat(r).as(id + " ends at its close").isEqualTo(life.size() - 1);
        }
      }
    });
  }

  /**
   * Each open or updated alert, checked without the engine's code: its incidents are exactly the input's incidents in
   * its cells (H3 directly) and window, its expected count the baseline's over those cells and window, its categories
   * and forecast those of its incidents and the model.
   */
  private void checkContents(List<HotspotAlert> alerts, BaselineRates baseline) throws Exception {
    Map<String, Incident> byId = incidents.stream().collect(Collectors.toMap(Incident::id, i -> i, (a, b) -> a));
    CategoryModel model = CategoryModel.load(TestData.bundledModel());
    // the model's forecast for each input incident with the local history of the input before it, as the stream
    // scores it once the watermark has passed it
    List<Incident> inOrder = incidents.stream().distinct().toList();
    float[][] all = model.predict(inOrder);
    Map<String, float[]> probabilities = new java.util.HashMap<>();
    for (int i = 0; i < all.length; i++) {
      probabilities.put(inOrder.get(i).id(), all[i]);
    }
    H3Core h3 = H3Core.newInstance();
    List<HotspotAlert> live = alerts.stream().filter(a -> !a.type().equals(HotspotAlert.CLOSED)).toList();
    for (HotspotAlert a : live) {
      Set<String> cells = Set.copyOf(a.cells());
      Set<String> inInput =
          incidents.stream()
              .filter(i -> cells.contains(h3.latLngToCellAddress(i.latitude(), i.longitude(), 8)))
              .filter(i -> !i.occurredAt().isBefore(a.windowStart()) && i.occurredAt().isBefore(a.windowEnd()))
              .map(Incident::id)
              .collect(Collectors.toSet());
      assertThat(a.incidentIds()).as(a.hotspotId()).hasSize((int) a.observed()).doesNotHaveDuplicates();
      assertThat(Set.copyOf(a.incidentIds())).as(a.hotspotId()).isEqualTo(inInput);

      double expected = 0;
      for (String cell : cells) {
        expected += baseline.expected(cell, a.windowStart(), a.windowEnd());
      }
      assertThat(a.expected()).as(a.hotspotId()).isCloseTo(expected, within(1e-6 * Math.max(1, expected)));

      List<Incident> in = a.incidentIds().stream().map(byId::get).toList();
      assertThat(a.categories())
          .isEqualTo(in.stream().collect(Collectors.groupingBy(Incident::category, Collectors.counting())));
      float[][] p = in.stream().map(i -> probabilities.get(i.id())).toArray(float[][]::new);
      List<String> outputs = model.categories();
      assertThat(a.forecast()).hasSize(3);
      a.forecast().forEach((category, mean) -> {
        double m = 0;
        for (float[] row : p) {
          m += row[outputs.indexOf(category)];
        }
        assertThat(mean).isCloseTo(m / in.size(), within(1e-4));
      });
      assertThat(a.explanation()).isNotBlank();
      assertThat(HotspotAlert.LABELS).contains(a.label());
    }
  }
}
