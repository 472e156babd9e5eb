package io.hotwatch.core.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Simulated posts for the first week of the demo's real Chicago month, from the demo's real pool of texts. */
class SimulatedPostsTest {

  private static final Path DEMO_DATA = Path.of("../deploy/demo/data");

  private static List<Incident> week;
  private static PostTextPool pool;

  @BeforeAll
  static void readDemoData() throws Exception {
    Path month = DEMO_DATA.resolve("chicago_crimes_2017-07.csv.gz");
    Path poolFile = DEMO_DATA.resolve("social-posts-pool.csv.gz");
    assumeTrue(Files.isRegularFile(month) && Files.isRegularFile(poolFile), "demo data not found at " + DEMO_DATA);
    Instant end = Instant.parse("2017-07-08T05:00:00Z");
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(month)) {
      week = rows.filter(ParsedRow::isOk).map(ParsedRow::value).filter(i -> i.occurredAt().isBefore(end)).toList();
    }
    pool = PostTextPool.read(poolFile);
  }

  @Test
  void placesSimulatedPostsShortlyAfterAndNearTheirIncidents() {
    SimulatedPosts.Settings settings = SimulatedPosts.Settings.demo(7);
    List<SocialPost> posts = SimulatedPosts.place(week, pool, settings);

    // binomial(n, 0.2): five standard deviations either side
    double n = week.size();
    double sd = Math.sqrt(n * 0.2 * 0.8);
    assertThat((double) posts.size()).isBetween(0.2 * n - 5 * sd, 0.2 * n + 5 * sd);
    long untagged = posts.stream().filter(p -> !p.geotagged()).count();
    double sdTag = Math.sqrt(posts.size() * 0.25 * 0.75);
    assertThat((double) untagged).isBetween(0.25 * posts.size() - 5 * sdTag, 0.25 * posts.size() + 5 * sdTag);

    Set<String> texts = pool.entries().stream().map(PostTextPool.Entry::text).collect(Collectors.toSet());
    Set<String> ids = new HashSet<>();
    TreeMap<Instant, List<Incident>> byTime =
        week.stream().collect(Collectors.groupingBy(Incident::occurredAt, TreeMap::new, Collectors.toList()));
    for (SocialPost post : posts) {
      assertThat(post.simulated()).isTrue();
      assertThat(post.source()).isEqualTo("simulated-crisislext26");
      assertThat(post.id()).startsWith("simulated-7-").doesNotContainPattern("^\\d+$");
      assertThat(ids.add(post.id())).as("id %s once", post.id()).isTrue();
      assertThat(texts).contains(post.text());
      assertThat(post.authorHash()).matches("[0-9a-f]{64}");
      // some incident lies 1-10 minutes before it (and, if geotagged, within 150 m)
      boolean placed = byTime.subMap(post.postedAt().minus(Duration.ofMinutes(10)), true,
              post.postedAt().minus(Duration.ofMinutes(1)), true).values().stream()
          .flatMap(List::stream)
          .anyMatch(i -> !post.geotagged()
              || metres(i.latitude(), i.longitude(), post.latitude(), post.longitude()) <= 150.001);
      assertThat(placed).as("post %s has its incident 1-10 min before, within 150 m", post.id()).isTrue();
    }
    assertThat(posts).isSortedAccordingTo((a, b) -> a.postedAt().compareTo(b.postedAt()));
    assertThat(posts.stream().map(SocialPost::authorHash).distinct().count()).isBetween(300L, 400L);
    // the texts are spread over the pool, related and not
    Map<String, Long> byLabel = posts.stream().collect(Collectors.groupingBy(
        p -> labelOf(p.text()), Collectors.counting()));
    assertThat(byLabel).containsKeys("Related and informative", "Not related");
  }

  @Test
  void theSameSeedGivesTheSamePostsAndAnotherSeedOthers() {
    List<SocialPost> once = SimulatedPosts.place(week, pool, SimulatedPosts.Settings.demo(7));
    List<Incident> reversed = new ArrayList<>(week);
    Collections.reverse(reversed);
    List<SocialPost> again = SimulatedPosts.place(reversed, pool, SimulatedPosts.Settings.demo(7));
    List<SocialPost> other = SimulatedPosts.place(week, pool, SimulatedPosts.Settings.demo(8));

    assertThat(again).as("input order does not matter").isEqualTo(once);
    assertThat(other.stream().map(SocialPost::postedAt).toList())
        .isNotEqualTo(once.stream().map(SocialPost::postedAt).toList());
    assertThat(other).allSatisfy(p -> assertThat(p.id()).startsWith("simulated-8-"));
  }

  @Test
  void sharesAtTheirBoundsGiveNoneOrEveryIncidentAPost() {
    List<Incident> day = week.subList(0, 500);
    SimulatedPosts.Settings all = new SimulatedPosts.Settings(1, 0, Duration.ZERO, Duration.ZERO, 0, 1, 1);
    List<SocialPost> posts = SimulatedPosts.place(day, pool, all);

    assertThat(posts).hasSize(500).allSatisfy(p -> assertThat(p.geotagged()).isTrue());
    Map<Instant, Long> perTime =
        posts.stream().collect(Collectors.groupingBy(SocialPost::postedAt, Collectors.counting()));
    Map<Instant, Long> incidentsPerTime =
        day.stream().collect(Collectors.groupingBy(Incident::occurredAt, Collectors.counting()));
    assertThat(perTime).as("with no delay each post is at its incident's time").isEqualTo(incidentsPerTime);
    SimulatedPosts.Settings none = new SimulatedPosts.Settings(0, 0, Duration.ZERO, Duration.ZERO, 0, 1, 1);
    assertThat(SimulatedPosts.place(day, pool, none)).isEmpty();
    SimulatedPosts.Settings untagged = new SimulatedPosts.Settings(1, 1, Duration.ZERO, Duration.ZERO, 0, 1, 1);
    assertThat(SimulatedPosts.place(day, pool, untagged))
        .hasSize(500).noneSatisfy(p -> assertThat(p.geotagged()).isTrue());
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheFieldAndValue() {
    assertThatThrownBy(() -> new SimulatedPosts.Settings(1.5, 0, Duration.ZERO, Duration.ZERO, 0, 1, 1))
        .hasMessage("share 1.5 is outside [0, 1]");
    assertThatThrownBy(() -> new SimulatedPosts.Settings(0.5, 0, Duration.ofMinutes(2), Duration.ofMinutes(1), 0, 1, 1))
        .hasMessageContaining("delays PT2M to PT1M");
    assertThatThrownBy(() -> new SimulatedPosts.Settings(0.5, 0, Duration.ZERO, Duration.ZERO, 0, 0, 1))
        .hasMessage("authors 0 is below 1");
  }

  private static String labelOf(String text) {
    Function<PostTextPool.Entry, String> label = PostTextPool.Entry::informativeness;
    return pool.entries().stream().filter(e -> e.text().equals(text)).map(label).findFirst().orElseThrow();
  }

  /** Great-circle distance (haversine), independent of the equirectangular placement under test. */
  private static double metres(double lat1, double lon1, double lat2, double lon2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLon = Math.toRadians(lon2 - lon1);
    double a = Math.pow(Math.sin(dLat / 2), 2)
        + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
  }
}
