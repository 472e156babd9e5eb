package io.hotwatch.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.flink.files.IncidentFileSource;
import io.hotwatch.flink.functions.JsonLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The file-fed job over the whole real 2017 Chicago file (not in time order), kept to a week, against the same
 * workflow fed the same days through a real Kafka topic: the same hotspot events.
 */
class DetectJobTest {

  @RegisterExtension
  static final MiniClusterExtension FLINK = TestCluster.twoSlots();

  private static final Instant FROM = Instant.parse("2017-07-16T05:00:00Z"); // midnight in Chicago
  private static final Instant TO = Instant.parse("2017-07-23T05:00:00Z");

  @Test
  void detectOverTheYearsFileGivesTheHotspotsOfTheKafkaPath() throws Exception {
    List<Incident> incidents = TestData.chicago2017(FROM, TO);
    List<String> viaKafka = viaKafka(incidents);
    assertThat(viaKafka).as("the days must hold hotspots for this test to mean anything").hasSizeGreaterThan(10);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    IncidentFileSource.Filter oneWeek = i -> !i.occurredAt().isBefore(FROM) && i.occurredAt().isBefore(TO);
    Path out = Files.createTempFile("detect", ".jsonl");
    DetectJob.Summary summary =
        DetectJob.run(
            env,
            new IncidentFileSource(List.of(TestData.chicago2017()), oneWeek),
            DetectJob.fileConfig(TestData.bundledModel()),
            out);
    System.out.printf("detect: %s%n", summary);

    EventCodec codec = new EventCodec();
    List<String> hotspots = new ArrayList<>();
    long deadLetters = 0;
    long trends = 0;
    for (String line : Files.readAllLines(out)) {
      JsonNode node = codec.mapper().readTree(line);
      String kind = node.path("kind").asText();
      if (kind.equals(HotspotAlert.KIND)) {
        hotspots.add(describe(codec.mapper().treeToValue(node, HotspotAlert.class)));
      } else if (kind.equals(TrendEvent.KIND)) {
        assertThat(codec.mapper().treeToValue(node, TrendEvent.class).district()).isNotBlank();
        trends++;
      } else {
        assertThat(kind).isEqualTo(JsonLines.DEAD_LETTER_KIND);
        assertThat(node.path("reason").asText()).startsWith("line ");
        assertThat(node.path("topic").asText()).endsWith("chicago_crimes_2017.csv.gz");
        deadLetters++;
      }
    }
    assertThat(hotspots).containsExactlyInAnyOrderElementsOf(viaKafka);
    assertThat(summary.incidents()).isEqualTo(incidents.size());
    assertThat(summary.hotspotEvents()).isEqualTo(hotspots.size());
    assertThat(summary.trends()).isPositive().isEqualTo(trends);
    // the year's rows without a location are rejected whatever their date; nothing else is (the input is ordered)
    assertThat(summary.rejected()).isPositive().isEqualTo(deadLetters).isEqualTo(summary.deadLetters());
  }

  private static List<String> viaKafka(List<Incident> incidents) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      kafka.createTopics(2, "incidents");
      EventCodec codec = new EventCodec();
      KafkaTestSupport.send(
          kafka.bootstrapServers(),
          incidents.stream().map(i -> new ProducerRecord<>("incidents", i.id(), codec.encode(i))).toList());
      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      env.setParallelism(2);
      List<CloseableIterator<HotspotAlert>> hotspots = new ArrayList<>();
      HotspotJob.defineWorkflow(
          env,
          KafkaTestSupport.boundedIncidents(kafka.bootstrapServers(), "incidents"),
          HotspotJobConfig.defaults(kafka.bootstrapServers(), TestData.bundledModel()),
          new HotspotJob.Sinks(
              h -> hotspots.add(h.collectAsync()),
              t -> t.sinkTo(new DiscardingSink<>()),
              d -> d.sinkTo(new DiscardingSink<>())));
      env.executeAsync("detect test, Kafka path");
      List<String> described = new ArrayList<>();
      try (CloseableIterator<HotspotAlert> events = hotspots.get(0)) {
        events.forEachRemaining(e -> described.add(describe(e)));
      }
      return described;
    }
  }

  private static String describe(HotspotAlert e) {
    return String.join(
        " ", e.type(), e.hotspotId(), String.valueOf(e.revision()), String.valueOf(e.windowEnd()),
        String.valueOf(e.observed()), String.valueOf(e.expected()), String.valueOf(e.llr()),
        e.incidentIds().stream().sorted().toList().toString());
  }
}
