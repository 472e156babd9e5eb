package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.TrendEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotwatch detect} on the bundled month of real Chicago incidents, and its errors. */
class DetectCommandTest {

  private static final Pattern SUMMARY =
      Pattern.compile("detect: (\\d+) incidents, (\\d+) rejected rows, (\\d+) hotspot events, (\\d+) trends,"
          + " (\\d+) dead letters"
          + " in [\\d.]+ s: [\\d,]+ records/s");

  @Test
  void writesOneJsonObjectPerLineAndASummary(@TempDir Path dir) throws Exception {
    Path output = dir.resolve("events.jsonl");
    CliRun run = CliRun.of(
        "detect", "--input", ReplayCommandTest.bundledMonth().toString(), "--output", output.toString(),
        "--from", "2017-07-01", "--to", "2017-07-08", "--model-dir", "demo/model", "--parallelism", "2");

    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher summary = SUMMARY.matcher(run.out().strip());
    assertThat(summary.matches()).as(run.out()).isTrue();
    long incidents = Long.parseLong(summary.group(1));
    long hotspots = Long.parseLong(summary.group(3));
    long trends = Long.parseLong(summary.group(4));
    long deadLetters = Long.parseLong(summary.group(5));
    assertThat(incidents).isGreaterThan(3000);
    assertThat(hotspots).isPositive();
    assertThat(trends).isPositive();

    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(output);
    assertThat(lines).hasSize((int) (hotspots + trends + deadLetters));
    long hotspotLines = 0;
    long trendLines = 0;
    for (String line : lines) {
      JsonNode node = json.readTree(line);
      assertThat(node.path("kind").asText()).isIn(HotspotAlert.KIND, TrendEvent.KIND, "dead-letter");
      if (node.path("kind").asText().equals(HotspotAlert.KIND)) {
        hotspotLines++;
        // July 1-8 in Chicago; the engine stops at the step that counts the last incident of the input
        assertThat(Instant.parse(node.path("evaluatedAt").asText()))
            .isAfter(Instant.parse("2017-07-01T05:00:00Z"))
            .isBeforeOrEqualTo(Instant.parse("2017-07-09T05:05:00Z"));
      } else if (node.path("kind").asText().equals(TrendEvent.KIND)) {
        trendLines++;
      }
    }
    assertThat(hotspotLines).isEqualTo(hotspots);
    assertThat(trendLines).isEqualTo(trends);
  }

  @Test
  void failuresAreOneLineWithANonZeroExit(@TempDir Path dir) {
    String out = dir.resolve("out.jsonl").toString();
    CliRun missing = CliRun.of("detect", "--input", "no/such/file.csv", "--output", out);
    assertThat(missing.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(missing.err().strip()).isEqualTo("hotwatch detect: input no/such/file.csv does not exist");

    CliRun badDate = CliRun.of("detect", "--input", ReplayCommandTest.bundledMonth().toString(), "--output", out,
        "--from", "July 4");
    assertThat(badDate.exitCode()).isEqualTo(2);
    assertThat(badDate.err().lines()).singleElement().asString().contains("--from 'July 4' is not an ISO date");

    CliRun noOutput = CliRun.of("detect", "--input", ReplayCommandTest.bundledMonth().toString());
    assertThat(noOutput.exitCode()).isEqualTo(2);
    assertThat(noOutput.err().lines()).singleElement().asString().contains("--output is required");
  }
}
