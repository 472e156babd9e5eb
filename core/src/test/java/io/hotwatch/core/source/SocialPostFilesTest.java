package io.hotwatch.core.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.json.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SocialPostFilesTest {

  @Test
  void recognisesEachFormat() throws Exception {
    Path crisisLex = CrisisLexReaderTest.crisisLexDir();
    Path event = crisisLex.resolve("2013_LA_airport_shootings");
    Path csv = event.resolve("2013_LA_airport_shootings-tweets_labeled.csv");
    Path alerts = DcAlertTweetReaderTest.alertsFile();

    assertThat(sources(event)).containsOnly(CrisisLexReader.SOURCE);
    assertThat(sources(csv)).containsOnly(CrisisLexReader.SOURCE);
    assertThat(count(event)).isEqualTo(count(csv)).isPositive();
    assertThat(count(crisisLex)).isGreaterThan(count(event) * 20);
    assertThat(sources(alerts)).containsOnly(DcAlertTweetReader.SOURCE);
    assertThat(SocialPostFiles.accepts(alerts)).isTrue();
    assertThat(SocialPostFiles.accepts(crisisLex)).isTrue();
  }

  @Test
  void recognisesThePoliceAlertsAlsoWhenTheJsonIsPrettyPrinted(@TempDir Path dir) throws Exception {
    Path alerts = DcAlertTweetReaderTest.alertsFile();
    ObjectMapper mapper = EventCodec.newObjectMapper();
    Path pretty = dir.resolve("alerts.geojson");
    mapper.writerWithDefaultPrettyPrinter().writeValue(pretty.toFile(), mapper.readTree(alerts.toFile()));
    assertThat(Files.readAllLines(pretty).get(0).strip()).isEqualTo("{");

    assertThat(SocialPostFiles.accepts(pretty)).isTrue();
    assertThat(count(pretty)).isEqualTo(count(alerts)).isPositive();
  }

  @Test
  void refusesOtherFilesNamingThePath(@TempDir Path dir) throws Exception {
    Path incidents = dir.resolve("incidents.csv");
    Files.writeString(incidents, "ID,Case Number,Date,Block\n1,JA1,07/04/2017 09:30:00 PM,X\n");
    assertThat(SocialPostFiles.accepts(incidents)).isFalse();
    assertThatThrownBy(() -> SocialPostFiles.read(incidents))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(incidents.toString())
        .hasMessageContaining("not a supported social-post file");
    assertThatThrownBy(() -> SocialPostFiles.read(dir))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("folder without CrisisLexT26");
    assertThatThrownBy(() -> SocialPostFiles.read(dir.resolve("missing.geojson")))
        .hasMessageContaining("does not exist");
  }

  private static Stream<String> sources(Path path) throws IOException {
    try (Stream<ParsedRow<SocialPost>> s = SocialPostFiles.read(path)) {
      return s.map(r -> r.value().source()).toList().stream();
    }
  }

  private static long count(Path path) throws IOException {
    try (Stream<ParsedRow<SocialPost>> s = SocialPostFiles.read(path)) {
      return s.filter(ParsedRow::isOk).count();
    }
  }
}
