package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.uber.h3core.H3Core;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.CategoryModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole pipeline on a MiniCluster (parallelism 2) over three days of real Chicago incidents read from a real Kafka
 * topic, against hotspot events this test works out on its own: its own H3 cells and sliding windows, the bundled
 * baseline, and the Poisson rule via commons-math's distribution rather than the job's code.
 */
class HotspotPipelineTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final Instant FROM = Instant.parse("2017-07-01T05:00:00Z"); // midnight in Chicago
  private static final Instant TO = Instant.parse("2017-07-04T05:00:00Z");

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
  void hotspotsOfRealIncidentsAreTheOnesTheRuleGives() throws Exception {
    HotspotJobConfig config = HotspotJobConfig.defaults(kafka.bootstrapServers(), TestData.bundledModel());
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);

    List<CloseableIterator<HotspotEvent>> hotspotOut = new ArrayList<>();
    List<CloseableIterator<DeadLetter>> deadLetterOut = new ArrayList<>();
    HotspotJob.defineWorkflow(
        env,
        KafkaTestSupport.boundedIncidents(kafka.bootstrapServers(), "incidents"),
        config,
        hotspots -> hotspotOut.add(hotspots.collectAsync()),
        deadLetters -> deadLetterOut.add(deadLetters.collectAsync()));
    long started = System.nanoTime();
    env.executeAsync("hotspot pipeline test");
    CompletableFuture<List<DeadLetter>> letters = drain(deadLetterOut.get(0));
    List<HotspotEvent> events = drain(hotspotOut.get(0)).get();
    System.out.printf(
        "pipeline: %d incidents, %d hotspot events in %d ms%n",
        incidents.size(), events.size(), (System.nanoTime() - started) / 1_000_000);

    assertThat(incidents).hasSizeGreaterThan(2000);
    assertThat(letters.get()).isEmpty();

    List<String> expected = expectedEvents(config);
    assertThat(expected).as("the data must hold hotspots for this test to mean anything").hasSizeGreaterThan(10);
    assertThat(events.stream().map(HotspotPipelineTest::describe).toList())
        .containsExactlyInAnyOrderElementsOf(expected);

    checkContentsOfActiveEvents(events);
  }

  private static <T> CompletableFuture<List<T>> drain(CloseableIterator<T> iterator) {
    return CompletableFuture.supplyAsync(
        () -> {
          List<T> all = new ArrayList<>();
          iterator.forEachRemaining(all::add);
          return all;
        });
  }

  private static String describe(HotspotEvent e) {
    return e.status() + " " + e.hotspotId() + " end=" + e.windowEnd() + " observed=" + e.observed();
  }

  /** The hotspot events of the contract's rule, worked out without the job's code. */
  private List<String> expectedEvents(HotspotJobConfig config) throws Exception {
    BaselineRates baseline = BaselineRates.load(config.baselineFile());
    H3Core h3 = H3Core.newInstance();
    long size = config.windowSize().toMillis();
    long slide = config.windowSlide().toMillis();

    // cell -> window end -> incidents in [end - size, end)
    Map<String, TreeMap<Long, Integer>> counts = new HashMap<>();
    for (Incident i : incidents) {
      String cell = h3.latLngToCellAddress(i.latitude(), i.longitude(), config.resolution());
      long t = i.occurredAt().toEpochMilli();
      for (long start = t - Math.floorMod(t, slide); start > t - size; start -= slide) {
        counts.computeIfAbsent(cell, c -> new TreeMap<>()).merge(start + size, 1, Integer::sum);
      }
    }

    List<String> events = new ArrayList<>();
    counts.forEach(
        (cell, windows) -> {
          String run = null;
          long lastSignificantEnd = 0;
          for (Map.Entry<Long, Integer> w : windows.entrySet()) {
            long end = w.getKey();
            if (run != null && end > lastSignificantEnd + size) {
              events.add(cleared(run, lastSignificantEnd + size, windows));
              run = null;
            }
            double mean = baseline.expected(cell, Instant.ofEpochMilli(end - size), Instant.ofEpochMilli(end));
            double p = 1 - new PoissonDistribution(mean).cumulativeProbability(w.getValue() - 1);
            if (w.getValue() >= config.minCount() && p < config.alpha()) {
              if (run == null) {
                run = cell + "@" + Instant.ofEpochMilli(end);
              }
              events.add("active " + run + " end=" + Instant.ofEpochMilli(end) + " observed=" + w.getValue());
              lastSignificantEnd = end;
            }
          }
          if (run != null) { // the end of input moves event time to the end of time
            events.add(cleared(run, lastSignificantEnd + size, windows));
          }
        });
    return events;
  }

  private static String cleared(String run, long at, TreeMap<Long, Integer> windows) {
    return "cleared " + run + " end=" + Instant.ofEpochMilli(at) + " observed=" + windows.getOrDefault(at, 0);
  }

  /** Each active event lists its incidents, and its forecast and surprise are the model's for them. */
  private void checkContentsOfActiveEvents(List<HotspotEvent> events) throws Exception {
    Map<String, Incident> byId = incidents.stream().collect(Collectors.toMap(Incident::id, i -> i, (a, b) -> a));
    CategoryModel model = CategoryModel.load(TestData.bundledModel());
    H3Core h3 = H3Core.newInstance();
    List<HotspotEvent> active = events.stream().filter(e -> e.status().equals(HotspotEvent.ACTIVE)).toList();
    for (HotspotEvent e : active) {
      List<Incident> in = e.incidentIds().stream().map(byId::get).toList();
      assertThat(in).hasSize((int) e.observed()).doesNotContainNull();
      assertThat(in).allSatisfy(i -> {
        assertThat(h3.latLngToCellAddress(i.latitude(), i.longitude(), 8)).isEqualTo(e.cellId());
        assertThat(i.occurredAt()).isAfterOrEqualTo(e.windowStart()).isBefore(e.windowEnd());
      });
      assertThat(e.categories())
          .isEqualTo(in.stream().collect(Collectors.groupingBy(Incident::category, Collectors.counting())));

      float[][] p = model.predict(in);
      List<String> outputs = model.categories();
      double surprise = 0;
      for (int k = 0; k < in.size(); k++) {
        surprise -= Math.log(Math.max(p[k][outputs.indexOf(in.get(k).category())], 1e-6));
      }
      assertThat(e.meanSurprise()).isCloseTo(surprise / in.size(), within(1e-3));
      assertThat(e.forecast()).hasSize(3);
      e.forecast().forEach((category, mean) -> {
        double m = 0;
        for (float[] row : p) {
          m += row[outputs.indexOf(category)];
        }
        assertThat(mean).isCloseTo(m / in.size(), within(1e-4));
      });
      assertThat(e.explanation()).startsWith(e.observed() + " incidents in the last 60 min where ");
    }
    assertThat(Set.copyOf(active.stream().map(HotspotEvent::cellId).toList())).hasSizeGreaterThan(1);
  }
}
