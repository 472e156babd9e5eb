package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplayerTest {

  private static final LocalDate DAY = LocalDate.parse("2017-07-04");
  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  private static EmbeddedKafka kafka;
  private static ReplayInput independenceDay;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafka.start();
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  static Path dataDir() {
    return Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"));
  }

  static Path chicago2017() {
    Path file = dataDir().resolve("chicago-crimes-2015-2017/chicago_crimes_2017.csv.gz");
    assumeTrue(Files.isRegularFile(file), "Chicago 2017 crimes not found at " + file);
    return file;
  }

  /** July 4, 2017 in Chicago, read once through the replay's own loading. */
  static synchronized ReplayInput independenceDay() throws Exception {
    if (independenceDay == null) {
      independenceDay = ReplayInput.load(List.of(chicago2017()), ReplayWindow.parse(DAY.toString(), DAY.toString()));
    }
    return independenceDay;
  }

  @Test
  void replaysADayOfChicagoCompletelyAndInEventTimeOrder() throws Exception {
    Expected expected = independentRead(chicago2017());
    ReplayInput input = independenceDay();
    kafka.createTopics(1, "incidents-day");

    ReplayResult result;
    try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), ReplaySpeed.MAX)) {
      result = replayer.replay(input, "incidents-day");
    }

    assertThat(result.sent()).isEqualTo(expected.keysInOrder.size());
    assertThat(result.rejected()).isEqualTo(expected.withoutLocation);
    assertThat(result.rejections()).containsOnlyKeys("Latitude/Longitude is empty (incident N has no location)");
    assertThat(result.stopped()).isFalse();
    assertThat(input.outsideWindow()).isEqualTo(expected.parsedRows - expected.keysInOrder.size());

    List<ConsumerRecord<String, String>> records =
        ReplayTopics.readAll(kafka.bootstrapServers(), "incidents-day", result.sent());
    assertThat(records).extracting(ConsumerRecord::key).containsExactlyElementsOf(expected.keysInOrder);
    EventCodec codec = new EventCodec();
    Instant previous = Instant.MIN;
    for (ConsumerRecord<String, String> record : records) {
      Incident incident = codec.decodeIncident(record.value());
      assertThat(incident.id()).isEqualTo(record.key());
      assertThat(incident.occurredAt()).isAfterOrEqualTo(previous);
      assertThat(incident.occurredAt().atZone(CHICAGO).toLocalDate()).isEqualTo(DAY);
      previous = incident.occurredAt();
    }
  }

  @Test
  void aStoppedBackgroundReplayDeliversExactlyWhatItSent() throws Exception {
    ReplayInput input = independenceDay();
    kafka.createTopics(1, "incidents-stopped");

    ReplayResult result;
    // At real-time speed the day would take a day: the records at midnight go at once, then the replay waits.
    try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), new ReplaySpeed(1))) {
      ReplayRun run = replayer.start(input, "incidents-stopped");
      await().atMost(Duration.ofSeconds(30)).until(() -> run.enqueued() > 0);
      run.stop();
      result = run.await(Duration.ofSeconds(30));
      assertThat(result.sent()).isEqualTo(run.enqueued());
    }

    assertThat(result.stopped()).isTrue();
    assertThat(result.sent()).isPositive().isLessThan(input.records().size());
    assertThat(ReplayTopics.endOffset(kafka.bootstrapServers(), "incidents-stopped")).isEqualTo(result.sent());
    assertThat(result.summary()).startsWith("sent " + result.sent() + ", rejected ").endsWith(", stopped early");
  }

  @Test
  void pacesRecordsByTheirEventTimeGapsDividedBySpeed() throws Exception {
    List<ReplayRecord> day = independenceDay().records();
    Instant hourLater = day.get(0).eventTime().plus(Duration.ofHours(1));
    List<Incident> firstHour =
        day.stream().map(r -> (Incident) r.event()).filter(i -> i.occurredAt().isBefore(hourLater)).toList();
    Duration span = Duration.between(firstHour.get(0).occurredAt(), firstHour.get(firstHour.size() - 1).occurredAt());
    assertThat(span).isPositive();
    // Chosen so the whole span takes 1.5 s of wall-clock time.
    ReplaySpeed speed = new ReplaySpeed(span.toMillis() / 1500.0);
    kafka.createTopics(1, "incidents-paced");

    long started = System.nanoTime();
    ReplayResult result;
    try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), speed)) {
      result = replayer.replay(ReplayInput.ofIncidents(firstHour), "incidents-paced");
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

    assertThat(result.sent()).isEqualTo(firstHour.size());
    // The last record is not due before span / speed has passed; a lower bound only, no claim on how fast.
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void replaysSocialPostsKeyedByPostId() throws Exception {
    Path alerts = dataDir().resolve("dc-mpd-alert-tweets/mpd_alert_tweets.geojson");
    assumeTrue(Files.isRegularFile(alerts), "DC alert tweets not found at " + alerts);
    ReplayInput input = ReplayInput.load(List.of(alerts), ReplayWindow.ALL);
    assertThat(input.kind()).isEqualTo(ReplayInput.Kind.SOCIAL_POSTS);
    kafka.createTopics(1, input.kind().defaultTopic());

    ReplayResult result;
    try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), ReplaySpeed.MAX)) {
      result = replayer.replay(input, input.kind().defaultTopic());
    }

    long features = EventCodec.newObjectMapper().readTree(alerts.toFile()).get("features").size();
    assertThat(result.sent()).isEqualTo(features);
    assertThat(result.rejected()).isZero();
    EventCodec codec = new EventCodec();
    List<ConsumerRecord<String, String>> records =
        ReplayTopics.readAll(kafka.bootstrapServers(), "social-posts", result.sent());
    assertThat(records).hasSize((int) features).extracting(ConsumerRecord::key).doesNotHaveDuplicates();
    Instant previous = Instant.MIN;
    for (ConsumerRecord<String, String> record : records) {
      SocialPost post = codec.decodeSocialPost(record.value());
      assertThat(post.id()).isEqualTo(record.key());
      assertThat(post.geotagged()).isTrue();
      assertThat(post.postedAt()).isAfterOrEqualTo(previous);
      previous = post.postedAt();
    }
  }

  /** Chicago's CSV read with commons-csv alone: the day's located rows in stable time order, and the unlocated rows. */
  private static Expected independentRead(Path file) throws Exception {
    DateTimeFormatter format = DateTimeFormatter.ofPattern("MM/dd/yyyy hh:mm:ss a", Locale.US);
    record Row(LocalDateTime time, String id) {}
    List<Row> day = new ArrayList<>();
    long withoutLocation = 0;
    long parsed = 0;
    try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)));
        CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
      for (CSVRecord r : csv) {
        if (r.get("ID").equals("ID")) {
          continue; // the header of the next day's file
        }
        if (r.get("Latitude").isBlank() || r.get("Longitude").isBlank()) {
          withoutLocation++;
          continue;
        }
        parsed++;
        LocalDateTime time = LocalDateTime.parse(r.get("Date"), format);
        if (time.toLocalDate().equals(DAY)) {
          day.add(new Row(time, r.get("ID")));
        }
      }
    }
    day.sort(Comparator.comparing(Row::time));
    return new Expected(day.stream().map(Row::id).toList(), withoutLocation, parsed);
  }

  private record Expected(List<String> keysInOrder, long withoutLocation, long parsedRows) {}
}
