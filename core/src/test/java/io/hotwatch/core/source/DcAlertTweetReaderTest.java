package io.hotwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.json.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DcAlertTweetReaderTest {

  private static final AuthorHash AUTHORS = new AuthorHash("test-salt");

  static Path alertsFile() {
    Path file = Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
        .resolve("dc-mpd-alert-tweets/mpd_alert_tweets.geojson");
    assumeTrue(Files.isRegularFile(file), "DC alert tweets not found at " + file);
    return file;
  }

  private static List<ParsedRow<SocialPost>> read(Path file) throws Exception {
    try (Stream<ParsedRow<SocialPost>> s = DcAlertTweetReader.read(file, AUTHORS)) {
      return s.toList();
    }
  }

  @Test
  void readsEveryAlertAsAGeotaggedPostInWashington() throws Exception {
    Path file = alertsFile();
    JsonNode features = EventCodec.newObjectMapper().readTree(file.toFile()).get("features");

    List<ParsedRow<SocialPost>> rows = read(file);

    assertThat(rows).hasSize(features.size()).allMatch(ParsedRow::isOk);
    List<SocialPost> posts = rows.stream().map(ParsedRow::value).toList();
    assertThat(posts).extracting(SocialPost::id).doesNotHaveDuplicates().allMatch(id -> id.startsWith("dc-mpd-"));
    assertThat(posts).allSatisfy(p -> {
      assertThat(p.source()).isEqualTo(DcAlertTweetReader.SOURCE);
      assertThat(p.text()).containsIgnoringCase("alert");
      // District of Columbia bounding box
      assertThat(p.latitude()).isBetween(38.79, 39.0);
      assertThat(p.longitude()).isBetween(-77.12, -76.90);
      assertThat(p.postedAt()).isBetween(Instant.parse("2021-01-01T00:00:00Z"), Instant.parse("2021-07-02T00:00:00Z"));
      assertThat(p.authorHash()).isEqualTo(AUTHORS.of("DCPoliceDept"));
    });
    for (int i = 0; i < features.size(); i++) {
      JsonNode coordinates = features.get(i).at("/geometry/coordinates");
      assertThat(posts.get(i).longitude()).isEqualTo(coordinates.get(0).asDouble());
      assertThat(posts.get(i).latitude()).isEqualTo(coordinates.get(1).asDouble());
    }
  }

  @Test
  void postingTimesAreUtcBecauseTheyFollowTheLocalTimesTheAlertsQuote() throws Exception {
    Pattern quoted = Pattern.compile("\\b([0-2][0-9])([0-5][0-9]) ?(hrs|hours)");
    ZoneId dc = ZoneId.of("America/New_York");
    int checked = 0;
    for (ParsedRow<SocialPost> row : read(alertsFile())) {
      SocialPost post = row.value();
      Matcher m = quoted.matcher(post.text());
      if (!m.find()) {
        continue;
      }
      LocalTime incidentTime = LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
      ZonedDateTime posted = post.postedAt().atZone(dc);
      ZonedDateTime incident = posted.with(incidentTime);
      if (incident.isAfter(posted)) {
        incident = incident.minusDays(1);
      }
      // Police tweet an alert within two hours of the incident it reports; read as Eastern time, the gap would be 4-5 h.
      assertThat(Duration.between(incident, posted)).as(post.text()).isBetween(Duration.ZERO, Duration.ofHours(2));
      checked++;
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void rejectsBadFeaturesWithTheFieldAndKeepsGoing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("alerts.geojson");
    String good = "{\"type\":\"Feature\",\"properties\":{\"Field 1\":7,\"Datetime\":\"7/1/2021 4:04:00\","
        + "\"Text\":\"Alert: Shooting\",\"Username\":\"DCPoliceDept\",\"Tweet Id\":\"1410450000000000000\"},"
        + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[-76.98,38.86]}}";
    Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",",
        good,
        good.replace("7/1/2021 4:04:00", "2021-07-01"),
        good.replace("\"Point\"", "\"LineString\""),
        good.replace("[-76.98,38.86]", "[38.86,-276.98]"),
        good.replace("\"Alert: Shooting\"", "\"\""),
        good.replace("\"Tweet Id\":\"1410450000000000000\"", "\"Tweet Id\":\"1.41045E+18\"")) + "]}");

    List<ParsedRow<SocialPost>> rows = read(file);

    assertThat(rows).hasSize(6);
    SocialPost post = rows.get(0).value();
    assertThat(post.id()).isEqualTo("1410450000000000000");
    assertThat(post.postedAt()).isEqualTo(Instant.parse("2021-07-01T04:04:00Z"));
    assertThat(rows.get(1).rejection()).contains("Datetime '2021-07-01'");
    assertThat(rows.get(2).rejection()).contains("not a GeoJSON Point");
    assertThat(rows.get(3).rejection()).contains("outside WGS84");
    assertThat(rows.get(4).rejection()).contains("Text is empty");
    assertThat(rows.get(5).value().id()).isEqualTo("dc-mpd-7");
  }
}
