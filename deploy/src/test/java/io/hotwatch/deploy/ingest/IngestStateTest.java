package io.hotwatch.deploy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file's round trip and its atomic rewrite; the mark's SoQL; the retry waits. */
class IngestStateTest {

  @Test
  void aSavedStateLoadsBackAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("chicago.state.json");
    assertThat(IngestState.load(file)).isEmpty();
    IngestState first = new IngestState("https://example.org/resource/ijzp-q8t2.json",
        Instant.parse("2018-02-10T21:50:01Z"), "row-abcd.efgh_ijkm", 3, 290, 10, Instant.parse("2026-11-30T12:00:00Z"));
    first.save(file);
    IngestState second = new IngestState(first.url(), Instant.parse("2018-02-11T00:00:00.123Z"), "row-x'y", 4, 390,
        10, Instant.parse("2026-11-30T12:01:00Z"));
    second.save(file);

    assertThat(IngestState.load(file)).contains(second);
    assertThat(IngestState.load(file).orElseThrow().mark())
        .isEqualTo(new HighWaterMark(Instant.parse("2018-02-11T00:00:00.123Z"), "row-x'y"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void aFileThatIsNoStateIsRefusedWithTheReason(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "{\"url\": \"x\", \"updatedAt\": ");
    assertThatThrownBy(() -> IngestState.load(file)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("state file " + file + " is not an ingest state: ");
    Files.writeString(file, "{\"url\": \"x\"}");
    assertThatThrownBy(() -> IngestState.load(file))
        .hasMessage("state file " + file + " lacks url, updatedAt or rowId");
  }

  @Test
  void theMarkAsksForTheRowsStrictlyAfterIt() {
    HighWaterMark mark = new HighWaterMark(Instant.parse("2018-02-11T00:00:00.123Z"), "row-x'y");
    assertThat(mark.soqlAfter()).isEqualTo(":updated_at > '2018-02-11T00:00:00.123' OR (:updated_at = "
        + "'2018-02-11T00:00:00.123' AND :id > 'row-x''y')");
    assertThat(HighWaterMark.before(Instant.parse("2018-04-01T00:00:00Z")).soqlAfter())
        .isEqualTo(":updated_at > '2018-04-01T00:00:00.000' OR (:updated_at = '2018-04-01T00:00:00.000' AND :id > '')");
    assertThat(mark).isGreaterThan(new HighWaterMark(mark.updatedAt(), "row-x"))
        .isLessThan(new HighWaterMark(mark.updatedAt().plusMillis(1), "row-a"));
  }

  @Test
  void retriesWaitLongerEachTimeUpToTheBoundAndHonourRetryAfter() {
    RetryPolicy retry = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10));
    assertThat(retry.backoff(1, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retry.backoff(3, null)).isEqualTo(Duration.ofSeconds(4));
    assertThat(retry.backoff(5, null)).isEqualTo(Duration.ofSeconds(10));
    assertThat(retry.backoff(1, Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(retry.backoff(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(10));
  }
}
