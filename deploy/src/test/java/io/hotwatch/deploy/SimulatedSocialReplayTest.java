package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.kafka.EmbeddedKafka;
import io.hotwatch.core.social.PostTextPool;
import io.hotwatch.core.social.SimulatedPosts;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo's simulated social stream, from the bundled month and pool alone, replayed with the incidents to a real
 * broker: every post arrives, marked simulated, on the incidents' clock.
 */
class SimulatedSocialReplayTest {

  private static final Path HOME = Path.of("..");
  private static final Pattern SUMMARY = Pattern.compile("sent (\\d+), rejected (\\d+).*");

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(1, "incidents-cli", "posts-cli", "incidents-paced", "posts-paced");
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void theDemoSimulatesPostsForTheBundledMonthFromBundledFilesAlone() throws Exception {
    Demo.Settings settings = Demo.Settings.bundled(HOME, 0, ReplaySpeed.MAX);
    assertThat(settings.social().postPool()).isRegularFile();

    List<ReplayInput> inputs = Demo.inputs(settings);

    assertThat(inputs).hasSize(2);
    ReplayInput incidents = inputs.get(0);
    ReplayInput posts = inputs.get(1);
    assertThat(posts.kind()).isEqualTo(ReplayInput.Kind.SOCIAL_POSTS);
    double share = (double) posts.records().size() / incidents.records().size();
    assertThat(share).as("a fifth of the month's %d incidents", incidents.records().size()).isBetween(0.18, 0.22);
    assertThat(posts.records()).allSatisfy(r -> assertThat(((SocialPost) r.event()).simulated()).isTrue());
    assertThat(Demo.inputs(settings).get(1)).as("the same posts every run").isEqualTo(posts);
  }

  @Test
  void replayCommandSendsSimulatedPostsAlongsideTheIncidents() throws Exception {
    String pool = HOME.resolve(Demo.BUNDLED_POST_POOL).toString();
    CliRun run = CliRun.of(
        "replay", "--input", ReplayCommandTest.bundledMonth().toString(), "--bootstrap-servers",
        kafka.bootstrapServers(), "--speed", "max", "--from", "2017-07-10", "--to", "2017-07-10",
        "--topic", "incidents-cli", "--simulate-social-posts", pool, "--social-posts-topic", "posts-cli",
        "--simulation-seed", "5");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher summary = SUMMARY.matcher(run.out().strip());
    assertThat(summary.matches()).as(run.out()).isTrue();
    long sent = Long.parseLong(summary.group(1));
    List<ConsumerRecord<String, String>> incidents =
        ReplayTopics.readAll(kafka.bootstrapServers(), "incidents-cli", endOf("incidents-cli"));
    List<ConsumerRecord<String, String>> posts =
        ReplayTopics.readAll(kafka.bootstrapServers(), "posts-cli", endOf("posts-cli"));
    assertThat(incidents.size() + posts.size()).isEqualTo(sent);
    assertThat(posts.size()).as("about a fifth of %d incidents", incidents.size())
        .isBetween(incidents.size() / 10, incidents.size() * 3 / 10);
    assertThat(run.err()).contains("simulating " + posts.size() + " social posts (marked simulated) to 'posts-cli'");

    NavigableMap<Instant, Incident> byTime = new TreeMap<>();
    EventCodec codec = new EventCodec();
    for (ConsumerRecord<String, String> r : incidents) {
      Incident incident = codec.decodeIncident(r.value());
      byTime.put(incident.occurredAt(), incident);
    }
    for (ConsumerRecord<String, String> r : posts) {
      SocialPost post = codec.decodeSocialPost(r.value());
      assertThat(post.simulated()).isTrue();
      assertThat(post.source()).isEqualTo(SimulatedPosts.SOURCE);
      assertThat(r.key()).isEqualTo(post.id()).startsWith("simulated-5-");
      Instant postedAt = post.postedAt();
      assertThat(byTime.subMap(postedAt.minus(Duration.ofMinutes(10)), true, postedAt.minusSeconds(60), true))
          .as("an incident replayed 1-10 minutes of event time before post %s", r.key()).isNotEmpty();
    }
  }

  @Test
  void pacedPostsArriveOnTheIncidentsClock() throws Exception {
    ReplayWindow window = ReplayWindow.parse("2017-07-10T16:00", "2017-07-10T20:00");
    ReplayInput incidents = ReplayInput.load(List.of(ReplayCommandTest.bundledMonth()), window);
    ReplayInput posts = incidents.simulatedSocialPosts(
        PostTextPool.read(HOME.resolve(Demo.BUNDLED_POST_POOL)), SimulatedPosts.Settings.demo(3));
    ReplaySpeed speed = ReplaySpeed.parse("1800"); // four hours of event time in eight seconds

    ReplayResult result;
    try (Replayer replayer = Replayer.connect(kafka.bootstrapServers(), speed)) {
      result = replayer.replay(
          List.of(new Replayer.Feed(incidents, "incidents-paced"), new Replayer.Feed(posts, "posts-paced")),
          record -> {});
    }

    long expected = incidents.records().size() + posts.records().size();
    assertThat(result.sent()).isEqualTo(expected);
    List<ConsumerRecord<String, String>> sentIncidents =
        ReplayTopics.readAll(kafka.bootstrapServers(), "incidents-paced", incidents.records().size());
    List<ConsumerRecord<String, String>> sentPosts =
        ReplayTopics.readAll(kafka.bootstrapServers(), "posts-paced", posts.records().size());
    assertThat(sentPosts).hasSize(posts.records().size()).isNotEmpty();
    // Each record's send time (the producer's CreateTime) less its place on one shared clock (event time since the
    // first event, divided by the speed): on one clock these lags differ by scheduling jitter only.
    Instant firstEvent = incidents.records().get(0).eventTime().isBefore(posts.records().get(0).eventTime())
        ? incidents.records().get(0).eventTime() : posts.records().get(0).eventTime();
    EventCodec codec = new EventCodec();
    Map<String, Long> lagMillis = new HashMap<>();
    for (ConsumerRecord<String, String> r : sentPosts) {
      SocialPost post = codec.decodeSocialPost(r.value());
      assertThat(post.simulated()).isTrue();
      long due = speed.wallNanos(Duration.between(firstEvent, post.postedAt())) / 1_000_000;
      lagMillis.put(r.key(), r.timestamp() - due);
    }
    for (ConsumerRecord<String, String> r : sentIncidents) {
      Instant occurredAt = codec.decodeIncident(r.value()).occurredAt();
      lagMillis.put(r.key(), r.timestamp() - speed.wallNanos(Duration.between(firstEvent, occurredAt)) / 1_000_000);
    }
    long least = Collections.min(lagMillis.values());
    assertThat(lagMillis).allSatisfy((key, lag) ->
        assertThat(lag - least).as("%s sent late on the shared clock (ms)", key).isLessThan(750L));
  }

  @Test
  void aMissingPoolOrSocialPostInputsFailWithOneLine() {
    String broker = kafka.bootstrapServers();
    String month = ReplayCommandTest.bundledMonth().toString();

    CliRun missing = CliRun.of("replay", "--input", month, "--bootstrap-servers", broker, "--topic", "incidents-cli",
        "--simulate-social-posts", "no/such/pool.csv.gz");
    assertThat(missing.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(missing.err().strip()).isEqualTo("hotwatch replay: social-post pool no/such/pool.csv.gz does not exist");
    assertThat(missing.out()).isEmpty();

    Path crisisLex = SocialPostPoolTest.crisisLex().resolve("2013_Boston_bombings");
    CliRun posts = CliRun.of("replay", "--input", crisisLex.toString(), "--bootstrap-servers", broker,
        "--simulate-social-posts", HOME.resolve(Demo.BUNDLED_POST_POOL).toString());
    assertThat(posts.exitCode()).isEqualTo(2);
    assertThat(posts.err().lines()).singleElement().asString()
        .contains("--simulate-social-posts needs incident inputs");
    assertThat(posts.out()).isEmpty();
  }

  private static long endOf(String topic) {
    return ReplayTopics.endOffset(kafka.bootstrapServers(), topic);
  }
}
