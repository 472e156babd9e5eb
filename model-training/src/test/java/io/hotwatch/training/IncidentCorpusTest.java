package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.Incident;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentCorpusTest {

  @Test
  void keepsTheRangeSortsByTimeAndDerivesOpenBoundsFromTheData() throws IOException {
    Path file = RealData.chicagoCrimes(2016);

    IncidentCorpus firstRows = IncidentCorpus.read(List.of(file), null, null, 3000);
    assertThat(firstRows.size()).isEqualTo(3000);
    assertThat(firstRows.incidents()).isSortedAccordingTo(Comparator.comparing(Incident::occurredAt));
    assertThat(firstRows.from()).isEqualTo(Instant.parse("2016-01-01T06:00:00Z")); // Chicago midnight
    assertThat(firstRows.inputs()).containsExactly("chicago_crimes_2016.csv.gz");

    Instant from = Instant.parse("2016-03-01T18:00:00Z");
    Instant to = Instant.parse("2016-03-02T00:00:00Z");
    IncidentCorpus evening = IncidentCorpus.read(List.of(file), from, to);
    assertThat(evening.size()).isGreaterThan(100);
    assertThat(evening.incidents()).allMatch(i -> !i.occurredAt().isBefore(from) && i.occurredAt().isBefore(to));
    assertThat(evening.from()).isEqualTo(from);
    assertThat(evening.to()).isEqualTo(to);
    // 2016 has 1,586 rows without coordinates (data README)
    assertThat(evening.rejectedRows()).isEqualTo(1586);
  }

  @Test
  void failsWithTheReasonWhenNothingIsLeft(@TempDir Path dir) throws IOException {
    Path file = RealData.chicagoCrimes(2016);
    assertThatThrownBy(
            () -> IncidentCorpus.read(List.of(file), Instant.parse("2030-01-01T00:00:00Z"), null, 10))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no usable incident in [chicago_crimes_2016.csv.gz] within [2030-01-01T00:00:00Z, )");

    Path notIncidents = dir.resolve("posts.csv");
    Files.writeString(notIncidents, "id,text\n1,hello\n");
    assertThatThrownBy(() -> IncidentCorpus.read(List.of(notIncidents), null, null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a supported incident file");
  }
}
