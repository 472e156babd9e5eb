package io.hotwatch.deploy.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.deploy.HotwatchCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code hotwatch ingest socrata} end to end: real July 2017 rows served by {@link SodaTestServer} (which stands in
 * for Socrata, since no network is reachable here) into a real in-process Kafka broker.
 */
class SocrataIngestTest {

  private static final EventCodec CODEC = new EventCodec();

  private static EmbeddedKafka kafka;
  private static Map<String, Incident> exported;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.start();
    // The same rows as the CSV export parses them: the ingest must produce exactly these incidents.
    Path month = Path.of("demo/data/chicago_crimes_2017-07.csv.gz");
    try (Stream<ParsedRow<Incident>> rows = ChicagoCrimeReader.read(month)) {
      exported = rows.filter(ParsedRow::isOk).map(ParsedRow::value)
          .collect(Collectors.toMap(Incident::id, Function.identity()));
    }
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void aFullIngestInSeveralPagesProducesEveryRowOnce() throws Exception {
    List<ObjectNode> rows = SodaTestServer.fixtureRows();
    try (SodaTestServer server = SodaTestServer.serving(rows)) {
      Topics topics = topics("full");
      Run run = ingest(server, topics, "--page-size", "40");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out().lines()).singleElement().asString().startsWith(
          "pages 8, read 300, produced 297, rejected 3 (reasons: Latitude/Longitude is empty (incident N has no"
              + " location): 3), high-water mark ");
      assertThat(server.requests()).hasSize(8); // the eighth page held 20 rows: caught up
      assertThat(server.requests().get(0).query()).doesNotContainKey("$where");
      assertThat(server.requests().get(1).query().get("$where")).startsWith(":updated_at > '2018-02-1");

      List<ConsumerRecord<String, String>> incidents = IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents);
      assertThat(incidents).hasSize(297);
      for (ConsumerRecord<String, String> record : incidents) {
        Incident incident = CODEC.decodeIncident(record.value());
        assertThat(record.key()).isEqualTo(incident.id());
        assertThat(incident).as("incident %s as the CSV reader has it", incident.id())
            .isEqualTo(exported.get(incident.id()));
      }
      assertThat(incidents.stream().map(IngestTopics::rowVersion).distinct()).hasSize(297);
      Set<String> located = rows.stream().filter(r -> r.has("latitude")).map(r -> r.get("id").asText())
          .collect(Collectors.toSet());
      assertThat(incidents.stream().map(ConsumerRecord::key).collect(Collectors.toSet())).isEqualTo(located);

      List<DeadLetter> dead = deadLetters(topics);
      assertThat(dead).hasSize(3).allSatisfy(letter -> {
        assertThat(letter.topic()).isEqualTo(server.url());
        assertThat(letter.reason()).matches("Latitude/Longitude is empty \\(incident \\d+ has no location\\)");
        assertThat(CODEC.mapper().readTree(letter.payload()).has("latitude")).isFalse();
        assertThat(rows).contains((ObjectNode) CODEC.mapper().readTree(letter.payload()));
      });

      IngestState state = IngestState.load(topics.state).orElseThrow();
      ObjectNode last = rows.stream().max(ORDER).orElseThrow();
      assertThat(state.mark()).isEqualTo(
          new HighWaterMark(Instant.parse(last.get(":updated_at").asText()), last.get(":id").asText()));
      assertThat(state.pages()).isEqualTo(8);
      assertThat(state.produced()).isEqualTo(297);
      assertThat(state.rejected()).isEqualTo(3);
      assertThat(state.url()).isEqualTo(server.url());

      Run again = ingest(server, topics, "--page-size", "40");
      assertThat(again.out().strip()).startsWith("pages 0, read 0, produced 0, rejected 0");
      assertThat(IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents)).hasSize(297);
    }
  }

  @Test
  void aRestartAfterTheServerWentDownResumesWithEveryRowVersionOnce() throws Exception {
    try (SodaTestServer server = SodaTestServer.serving(SodaTestServer.fixtureRows())) {
      Topics topics = topics("crash");
      server.failAfterPages(3);
      Run crashed = ingest(server, topics, "--page-size", "40", "--retries", "3", "--retry-backoff", "10 ms");

      assertThat(crashed.exit()).isEqualTo(HotwatchCli.FAILED);
      assertThat(crashed.err().lines()).singleElement().asString()
          .isEqualTo("hotwatch ingest socrata: " + server.url()
              + " failed 3 times, last: HTTP 503: Service Unavailable");
      assertThat(crashed.out()).startsWith("pages 3, read 120,");
      assertThat(IngestState.load(topics.state).orElseThrow().pages()).isEqualTo(3);
      assertThat(IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents)).hasSizeBetween(115, 120);

      server.failAfterPages(Integer.MAX_VALUE);
      Run resumed = ingest(server, topics, "--page-size", "40");
      assertThat(resumed.exit()).as(resumed.err()).isZero();
      assertThat(resumed.out()).startsWith("pages 5, read 180,");
      assertEveryRowVersionOnce(topics, 297);
      assertThat(IngestState.load(topics.state).orElseThrow().pages()).isEqualTo(8);
    }
  }

  @Test
  void aCrashBeforeAPagesMarkIsWrittenProducesThatOnePageAgainAndNothingIsSkipped() throws Exception {
    try (SodaTestServer server = SodaTestServer.serving(SodaTestServer.fixtureRows())) {
      // The state file's folder is missing: the first page is produced and flushed, then writing its mark fails,
      // which is where a process killed at the worst moment would stop.
      Path missing = dir.resolve("not-yet");
      Topics topics = new Topics("torn-incidents", "torn-dead-letters", missing.resolve("torn.state.json"));
      createTopics(topics);
      Run crashed = ingest(server, topics, "--page-size", "40");
      assertThat(crashed.exit()).isEqualTo(HotwatchCli.FAILED);
      assertThat(crashed.err().lines()).singleElement().asString().contains(missing.toString());
      assertThat(crashed.out()).startsWith("pages 0, read 0,");
      List<ConsumerRecord<String, String>> firstPage =
          IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents);
      assertThat(firstPage).hasSizeBetween(35, 40);

      Files.createDirectories(missing);
      Run resumed = ingest(server, topics, "--page-size", "40");
      assertThat(resumed.exit()).as(resumed.err()).isZero();
      assertThat(resumed.out()).startsWith("pages 8, read 300, produced 297,");
      List<ConsumerRecord<String, String>> all = IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents);
      assertThat(all).hasSize(297 + firstPage.size());
      // The page produced twice holds the same records, byte for byte: the job counts them as repeats.
      Map<String, List<String>> copies = all.stream().collect(Collectors.groupingBy(
          IngestTopics::rowVersion, Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
      assertThat(copies).hasSize(297);
      for (ConsumerRecord<String, String> record : firstPage) {
        assertThat(copies.get(IngestTopics.rowVersion(record))).containsExactly(record.value(), record.value());
      }
    }
  }

  @Test
  void anIngestStoppedMidRunResumesFromItsMarkWithoutDuplicates() throws Exception {
    try (SodaTestServer server = SodaTestServer.serving(SodaTestServer.fixtureRows())) {
      Topics topics = topics("stopped");
      createTopics(topics);
      SocrataIngest.Settings settings = new SocrataIngest.Settings(URI.create(server.url()), topics.incidents,
          topics.deadLetters, topics.state, 25, Duration.ofMinutes(5), false, null);
      try (Producer<String, String> producer =
          new KafkaProducer<>(SocrataIngestCommand.producerConfig(kafka.bootstrapServers()))) {
        SocrataIngest first = ingest(server.url(), producer, settings);
        // Not --once: without the stop it would poll on after catching up.
        server.onPage(page -> {
          if (page == 5) {
            first.stop();
          }
        });
        IngestSummary stopped = first.run();
        // Stopped mid-run: after the fourth page at least (the fifth may be abandoned in flight), before the last.
        assertThat(stopped.pages()).isGreaterThanOrEqualTo(4L).isLessThan(12L);
        server.onPage(page -> {});

        SocrataIngest second = ingest(server.url(), producer, new SocrataIngest.Settings(settings.url(),
            settings.topic(), settings.deadLetterTopic(), settings.stateFile(), 25, Duration.ZERO, true, null));
        IngestSummary resumed = second.run();
        assertThat(stopped.read() + resumed.read()).isEqualTo(300);
        assertThat(stopped.pages() + resumed.pages()).isEqualTo(12);
      }
      assertEveryRowVersionOnce(topics, 297);
    }
  }

  @Test
  void rowsUpdatedLaterComeAgainAsReReports() throws Exception {
    List<ObjectNode> rows = SodaTestServer.fixtureRows();
    try (SodaTestServer server = SodaTestServer.serving(rows)) {
      Topics topics = topics("updates");
      assertThat(ingest(server, topics, "--page-size", "100").exit()).isZero();
      // The data set corrects five located rows a day after the latest update: a new description and update time.
      Instant corrected = Instant.parse(rows.stream().max(ORDER).orElseThrow().get(":updated_at").asText())
          .plus(Duration.ofDays(1));
      List<ObjectNode> changed = rows.stream().filter(r -> r.has("latitude")).limit(5).toList();
      for (ObjectNode row : changed) {
        server.update(row.get(":id").asText(), corrected, r -> {
          r.put("description", "CORRECTED " + r.get("description").asText());
          r.put("updated_on", "2018-02-11T09:00:00.000");
        });
      }

      Run later = ingest(server, topics, "--page-size", "100");
      assertThat(later.out()).startsWith("pages 1, read 5, produced 5, rejected 0");

      List<ConsumerRecord<String, String>> incidents = IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents);
      assertThat(incidents).hasSize(302);
      assertThat(incidents.stream().map(IngestTopics::rowVersion).distinct()).hasSize(302);
      for (ObjectNode row : changed) {
        List<Incident> versions = new ArrayList<>();
        for (ConsumerRecord<String, String> r : incidents) {
          if (r.key().equals(row.get("id").asText())) {
            versions.add(CODEC.decodeIncident(r.value()));
          }
        }
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0)).isEqualTo(exported.get(row.get("id").asText()));
        assertThat(versions.get(1).description()).isEqualTo("CORRECTED " + versions.get(0).description());
        assertThat(versions.get(1).reportedAt()).isEqualTo(Instant.parse("2018-02-11T15:00:00Z")); // 09:00 CST
        assertThat(versions.get(1).occurredAt()).isEqualTo(versions.get(0).occurredAt());
      }
    }
  }

  @Test
  void throttlingAndAGarbledAnswerAreTriedAgainWithTheAppToken() throws Exception {
    try (SodaTestServer server = SodaTestServer.serving(SodaTestServer.fixtureRows())) {
      Topics topics = topics("throttled");
      server.script(
          new SodaTestServer.Reply(429, "{\"message\":\"Too Many Requests\"}", "0"),
          new SodaTestServer.Reply(200, "<html><body>504 Gateway Time-out</body></html>", null));
      Run run = ingest(server, topics, "--page-size", "100", "--app-token", "token-123", "--retry-backoff", "10 ms");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("pages 3, read 300, produced 297, rejected 3");
      // 429, the page that was not JSON, three full pages, and the empty one that says the ingest caught up
      assertThat(server.requests()).hasSize(6)
          .allSatisfy(request -> assertThat(request.appToken()).isEqualTo("token-123"));
      assertEveryRowVersionOnce(topics, 297);
    }
  }

  @Test
  void aClientErrorEndsAtOnceWithOneLineAndNothingProduced() throws Exception {
    try (SodaTestServer server = SodaTestServer.serving(SodaTestServer.fixtureRows())) {
      Topics topics = topics("refused");
      server.script(new SodaTestServer.Reply(
          400, "{\"message\":\"No such column: primary_type\",\"errorCode\":\"query.soql.no-such-column\"}", null));
      Run run = ingest(server, topics);

      assertThat(run.exit()).isEqualTo(HotwatchCli.FAILED);
      assertThat(run.err().lines()).singleElement().asString().isEqualTo(
          "hotwatch ingest socrata: " + server.url() + " answered HTTP 400: No such column: primary_type");
      assertThat(run.out().strip()).isEqualTo("pages 0, read 0, produced 0, rejected 0");
      assertThat(server.requests()).hasSize(1);
      assertThat(topics.state).doesNotExist();
      assertThat(IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents)).isEmpty();
    }
  }

  @Test
  void badRowsBecomeDeadLettersWithTheirReasonAndJson() throws Exception {
    List<ObjectNode> rows = SodaTestServer.fixtureRows();
    // Real rows made bad on purpose (the export has none of these faults): no ID, a date in the CSV export's form
    // instead of the API's, a latitude that is not a number.
    List<ObjectNode> located = rows.stream().filter(r -> r.has("latitude")).toList();
    located.get(10).remove("id");
    located.get(20).put("date", "07/01/2017 08:40:00 PM");
    located.get(30).put("latitude", "41.8N");
    String firstRows = rows.stream().sorted(ORDER).limit(98).map(ObjectNode::toString)
        .collect(Collectors.joining(", "));
    try (SodaTestServer server = SodaTestServer.serving(rows)) {
      Topics topics = topics("bad");
      // A first page with what no real data set holds (a row without system fields, elements that are no objects)
      // beside the true first 98 rows, a full page, so that paging goes on after them.
      String noSystemFields = "{\"id\":\"99999999\",\"date\":\"2017-07-01T00:00:00.000\"}";
      server.script(new SodaTestServer.Reply(200, "[" + noSystemFields + ", 42, null, " + firstRows + "]", null));
      Run run = ingest(server, topics, "--page-size", "100");

      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("pages 4, read 303, produced 294, rejected 9");
      Map<String, String> payloadByReason = deadLetters(topics).stream()
          .collect(Collectors.toMap(DeadLetter::reason, DeadLetter::payload, (a, b) -> a + "\n" + b));
      assertThat(payloadByReason.get(":id is missing")).isEqualTo(noSystemFields);
      assertThat(payloadByReason.get("row is not a JSON object")).isEqualTo("42\nnull");
      assertThat(payloadByReason.get("ID is empty")).isEqualTo(located.get(10).toString());
      assertThat(payloadByReason.get("Date '07/01/2017 08:40:00 PM' is not yyyy-MM-ddTHH:mm:ss[.SSS]"))
          .isEqualTo(located.get(20).toString());
      assertThat(payloadByReason.keySet()).anyMatch(reason -> reason.startsWith("Latitude '41.8N'"));
      assertThat(payloadByReason.keySet().stream().filter(r -> r.startsWith("Latitude/Longitude is empty")))
          .hasSize(3);
      assertEveryRowVersionOnce(topics, 294);
    }
  }

  @Test
  void sinceStartsAFirstRunAtThatUpdateTimeAndAStateOfAnotherUrlIsRefused() throws Exception {
    List<ObjectNode> rows = SodaTestServer.fixtureRows();
    Instant since = Instant.parse("2018-04-01T00:00:00Z");
    List<ObjectNode> later = rows.stream()
        .filter(r -> !Instant.parse(r.get(":updated_at").asText()).isBefore(since)).toList();
    assertThat(later).isNotEmpty().hasSizeLessThan(rows.size());
    try (SodaTestServer server = SodaTestServer.serving(rows)) {
      Topics topics = topics("since");
      Run run = ingest(server, topics, "--since", since.toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).startsWith("pages 1, read " + later.size() + ",");
      assertThat(IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents).stream().map(ConsumerRecord::key))
          .containsExactlyInAnyOrderElementsOf(
              later.stream().filter(r -> r.has("latitude")).map(r -> r.get("id").asText()).toList());
    }
    try (SodaTestServer elsewhere = SodaTestServer.serving(rows)) {
      Topics sameState = new Topics("since-incidents", "since-dead-letters", dir.resolve("since.state.json"));
      Run refused = ingest(elsewhere, sameState);
      assertThat(refused.exit()).isEqualTo(HotwatchCli.FAILED);
      assertThat(refused.err().lines()).singleElement().asString()
          .contains("belongs to http://127.0.0.1:").endsWith(", not " + elsewhere.url());
    }
  }

  @Test
  void wrongOptionsAreOneLineUsageErrors() {
    Run noUrl = run("ingest", "socrata", "--url", "ftp://example/x.csv", "--to-kafka", kafka.bootstrapServers());
    assertThat(noUrl.exit()).isEqualTo(2);
    assertThat(noUrl.err().lines()).singleElement().asString().contains("is not a Socrata JSON endpoint");
    Run page = run("ingest", "socrata", "--url", "http://127.0.0.1:9/resource/x.json", "--to-kafka",
        kafka.bootstrapServers(), "--page-size", "0");
    assertThat(page.exit()).isEqualTo(2);
    assertThat(page.err().lines()).singleElement().asString().contains("--page-size 0 is outside 1..50000");
  }

  /** Rows in the order the ingest reads them. */
  private static final Comparator<ObjectNode> ORDER = Comparator
      .comparing((ObjectNode r) -> Instant.parse(r.get(":updated_at").asText()))
      .thenComparing(r -> r.get(":id").asText());

  private record Topics(String incidents, String deadLetters, Path state) {}

  private Topics topics(String name) throws Exception {
    Topics topics = new Topics(name + "-incidents", name + "-dead-letters", dir.resolve(name + ".state.json"));
    createTopics(topics);
    return topics;
  }

  private static void createTopics(Topics topics) throws Exception {
    kafka.createTopics(1, topics.incidents, topics.deadLetters);
  }

  private static void assertEveryRowVersionOnce(Topics topics, int expected) {
    List<ConsumerRecord<String, String>> incidents = IngestTopics.readAll(kafka.bootstrapServers(), topics.incidents);
    assertThat(incidents).hasSize(expected);
    assertThat(incidents.stream().map(IngestTopics::rowVersion).distinct()).hasSize(expected);
  }

  private static List<DeadLetter> deadLetters(Topics topics) throws Exception {
    List<DeadLetter> letters = new ArrayList<>();
    for (ConsumerRecord<String, String> r : IngestTopics.readAll(kafka.bootstrapServers(), topics.deadLetters)) {
      letters.add(CODEC.mapper().readValue(r.value(), DeadLetter.class));
    }
    return letters;
  }

  private static SocrataIngest ingest(String url, Producer<String, String> producer, SocrataIngest.Settings settings) {
    SodaClient client = new SodaClient(URI.create(url), null, new RetryPolicy(1, Duration.ZERO, Duration.ZERO));
    return new SocrataIngest(client, producer, settings, Clock.systemUTC());
  }

  private static Run ingest(SodaTestServer server, Topics topics, String... more) {
    List<String> args = new ArrayList<>(List.of("ingest", "socrata", "--url", server.url(), "--to-kafka",
        kafka.bootstrapServers(), "--topic", topics.incidents, "--dead-letter-topic", topics.deadLetters,
        "--state", topics.state.toString(), "--once"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = HotwatchCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }
}
