package io.hotwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.SocialPost;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrisisLexReaderTest {

  private static final Set<String> INFORMATIVENESS =
      Set.of("Related and informative", "Related - but not informative", "Not related", "Not applicable");

  static Path crisisLexDir() {
    Path dir = Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data")).resolve("crisislext26-tweets");
    assumeTrue(Files.isDirectory(dir), "CrisisLexT26 data not found at " + dir);
    return dir;
  }

  @Test
  void readsEveryLabelledTweetOfAllEvents() throws Exception {
    Path dir = crisisLexDir();
    List<ParsedRow<LabelledPost>> rows;
    try (Stream<ParsedRow<LabelledPost>> s = CrisisLexReader.readLabelled(dir)) {
      rows = s.toList();
    }

    assertThat(rows).hasSize((int) independentRowCount(dir));
    assertThat(rows).allMatch(ParsedRow::isOk);
    List<LabelledPost> posts = rows.stream().map(ParsedRow::value).toList();
    assertThat(posts.stream().map(LabelledPost::event).distinct()).hasSize(26);
    // Labels come without the header's leading spaces and without padding.
    assertThat(posts).allSatisfy(p -> assertThat(INFORMATIVENESS).contains(p.informativeness()));
    assertThat(posts).allSatisfy(p -> assertThat(p.informationType()).isNotBlank().isEqualTo(p.informationType().strip()));
    assertThat(posts).allSatisfy(p -> {
      SocialPost post = p.post();
      assertThat(post.source()).isEqualTo(CrisisLexReader.SOURCE);
      assertThat(post.text()).isNotBlank();
      // The published event descriptions carry no coordinates, and the files name no authors.
      assertThat(post.geotagged()).isFalse();
      assertThat(post.authorHash()).isNull();
      // The collection covers crises of 2012 and 2013.
      assertThat(post.postedAt()).isBetween(Instant.parse("2012-01-01T00:00:00Z"), Instant.parse("2014-01-01T00:00:00Z"));
    });
  }

  @Test
  void decodesPostingTimesFromSnowflakeIds() throws Exception {
    Path event = crisisLexDir().resolve("2013_Boston_bombings");
    List<SocialPost> posts;
    try (Stream<ParsedRow<SocialPost>> s = CrisisLexReader.read(event)) {
      posts = s.map(ParsedRow::value).toList();
    }
    // Collected from marathon day, 2013-04-15, for about two months.
    assertThat(posts).allSatisfy(p -> assertThat(p.postedAt())
        .isBetween(Instant.parse("2013-04-15T00:00:00Z"), Instant.parse("2013-06-30T00:00:00Z")));
    // Snowflake ids grow with time, so ordering by id and by time must agree.
    List<SocialPost> byId = posts.stream().sorted((a, b) -> Long.compare(Long.parseLong(a.id()), Long.parseLong(b.id()))).toList();
    for (int i = 1; i < byId.size(); i++) {
      assertThat(byId.get(i).postedAt()).isAfterOrEqualTo(byId.get(i - 1).postedAt());
    }
    assertThat(CrisisLexReader.snowflakeTime(0)).isEqualTo(Instant.parse("2010-11-04T01:42:54.657Z"));
  }

  @Test
  void rejectsBadRowsWithTheFieldAndKeepsGoing(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("2099_Test_event-tweets_labeled.csv");
    Files.writeString(file, String.join("\n",
        "Tweet ID, Tweet Text, Information Source, Information Type, Informativeness",
        "\"323873597825355778\",\"Explosion at copley, runners hurt\",Eyewitness,Affected individuals,Related and informative",
        "\"12345abc\",\"not an id\",Outsiders,Other Useful Information,Not related",
        "\"323873597825355779\",\" \",Outsiders,Other Useful Information,Not related",
        "\"29700859247\",\"pre-snowflake id\",Outsiders,Other Useful Information,Not related",
        "\"323873597825355780\",\"too few columns\",Outsiders",
        "\"323873597825355781\",\"last good one\",Media,Caution and advice,Related and informative"));
    List<ParsedRow<LabelledPost>> rows;
    try (Stream<ParsedRow<LabelledPost>> s = CrisisLexReader.readLabelled(file)) {
      rows = s.toList();
    }
    assertThat(rows).hasSize(6);
    assertThat(rows.get(0).value().post().text()).isEqualTo("Explosion at copley, runners hurt");
    assertThat(rows.get(0).value().event()).isEqualTo("2099_Test_event");
    assertThat(rows.get(0).value().informationSource()).isEqualTo("Eyewitness");
    assertThat(rows.get(1).rejection()).contains("Tweet ID '12345abc'");
    assertThat(rows.get(2).rejection()).contains("Tweet Text is empty");
    assertThat(rows.get(3).rejection()).contains("29700859247").contains("not a snowflake");
    assertThat(rows.get(4).rejection()).contains("3 columns");
    assertThat(rows.get(5).isOk()).isTrue();
  }

  @Test
  void placesPostsAtTheEventWhenItsDescriptionHasCoordinates(@TempDir Path dir) throws Exception {
    // The real descriptions have no coordinates; this one is written here to exercise the other branch.
    Path eventDir = Files.createDirectory(dir.resolve("2013_Boston_bombings"));
    Path real = crisisLexDir().resolve("2013_Boston_bombings/2013_Boston_bombings-tweets_labeled.csv");
    List<String> firstRows = Files.readAllLines(real).subList(0, 4);
    Files.write(eventDir.resolve("2013_Boston_bombings-tweets_labeled.csv"), firstRows);
    Files.writeString(eventDir.resolve("2013_Boston_bombings-event_description.json"),
        "{\"name\":\"Boston Bombings\",\"location\":{\"location_description\":\"Boston\","
            + "\"latitude\":42.3499,\"longitude\":-71.0785}}");

    List<SocialPost> posts;
    try (Stream<ParsedRow<SocialPost>> s = SocialPostFiles.read(dir)) {
      posts = s.map(ParsedRow::value).toList();
    }
    assertThat(posts).hasSize(3).allSatisfy(p -> {
      assertThat(p.latitude()).isEqualTo(42.3499);
      assertThat(p.longitude()).isEqualTo(-71.0785);
    });
  }

  /** Rows counted by a plain CSV parse, without the reader's header handling. */
  private static long independentRowCount(Path dir) throws Exception {
    long count = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith("-tweets_labeled.csv")).toList()) {
        try (Reader r = Files.newBufferedReader(f); CSVParser p = CSVFormat.DEFAULT.parse(r)) {
          count += p.stream().count() - 1;
        }
      }
    }
    return count;
  }
}
