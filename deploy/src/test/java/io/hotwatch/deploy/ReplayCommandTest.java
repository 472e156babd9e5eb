package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.kafka.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReplayCommandTest {

  private static final Pattern SUMMARY = Pattern.compile("sent (\\d+), rejected (\\d+)( \\(reasons: (.+)\\))?");

  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() throws Exception {
    kafka = EmbeddedKafka.start();
    kafka.createTopics(1, "incidents", "social-posts");
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** The month of Chicago incidents shipped with the demo (deploy/demo/data). */
  static Path bundledMonth() {
    Path file = Path.of("demo/data/chicago_crimes_2017-07.csv.gz");
    assumeTrue(Files.isRegularFile(file), "bundled demo month not found at " + file.toAbsolutePath());
    return file;
  }

  @Test
  void replaysADayAndPrintsOneSummaryLine() {
    CliRun run = CliRun.of(
        "replay", "--input", bundledMonth().toString(), "--bootstrap-servers", kafka.bootstrapServers(),
        "--speed", "max", "--from", "2017-07-10", "--to", "2017-07-10");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().lines()).hasSize(1);
    Matcher summary = SUMMARY.matcher(run.out().strip());
    assertThat(summary.matches()).as(run.out()).isTrue();
    long sent = Long.parseLong(summary.group(1));
    assertThat(sent).isPositive();
    assertThat(ReplayTopics.endOffset(kafka.bootstrapServers(), "incidents")).isEqualTo(sent);
    // Some rows of the month have no coordinates.
    assertThat(Long.parseLong(summary.group(2))).isPositive();
    assertThat(summary.group(4)).matches("Latitude/Longitude is empty \\(incident N has no location\\): \\d+");
    assertThat(run.err()).contains("left out").contains("outside the date range");
  }

  @Test
  void failuresAreOneLineOnStderrWithANonZeroExit() {
    String broker = kafka.bootstrapServers();
    Path month = bundledMonth();

    CliRun noTopic = CliRun.of("replay", "--input", month.toString(), "--bootstrap-servers", broker, "--topic", "nope");
    assertThat(noTopic.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(noTopic.err().strip()).isEqualTo("hotwatch replay: topic 'nope' does not exist on " + broker);

    CliRun missing = CliRun.of("replay", "--input", "no/such/file.csv", "--bootstrap-servers", broker);
    assertThat(missing.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(missing.err().strip()).isEqualTo("hotwatch replay: input no/such/file.csv does not exist");

    CliRun badDate =
        CliRun.of("replay", "--input", month.toString(), "--bootstrap-servers", broker, "--from", "July 4");
    assertThat(badDate.exitCode()).as(badDate.err()).isEqualTo(2);
    assertThat(badDate.err().lines()).singleElement().asString().contains("--from 'July 4' is not an ISO date");

    CliRun badSpeed =
        CliRun.of("replay", "--input", month.toString(), "--bootstrap-servers", broker, "--speed", "fast");
    assertThat(badSpeed.exitCode()).isEqualTo(2);
    assertThat(badSpeed.err().lines()).singleElement().asString().contains("speed 'fast' is neither");

    Path alerts = Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
        .resolve("dc-mpd-alert-tweets/mpd_alert_tweets.geojson");
    assumeTrue(Files.isRegularFile(alerts));
    CliRun mixed = CliRun.of(
        "replay", "--input", month.toString(), "--input", alerts.toString(), "--bootstrap-servers", broker);
    assertThat(mixed.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(mixed.err().lines()).singleElement().asString().contains("inputs mix incident and social-post files");
    assertThat(mixed.out()).isEmpty();
  }

  @Test
  void versionNamesTheBuild() {
    CliRun run = CliRun.of("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("hotwatch ").contains("Flink ").contains("Kafka ").doesNotContain("${");
  }
}
