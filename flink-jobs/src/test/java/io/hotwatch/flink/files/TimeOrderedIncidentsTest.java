package io.hotwatch.flink.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.DataFiles;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.ParsedIncident;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two files of real Chicago rows in shuffled order, plus a broken row each, read back as one time-ordered stream. */
class TimeOrderedIncidentsTest {

  @Test
  void shuffledFilesComeOutInTimeOrderWithTheirBrokenRowsFirst(@TempDir Path dir) throws Exception {
    List<String> lines;
    try (BufferedReader in = new BufferedReader(DataFiles.open(TestData.chicago2017()))) {
      lines = in.lines().limit(301).toList();
    }
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    Collections.shuffle(rows, new Random(7));
    Path a = dir.resolve("a.csv");
    Path b = dir.resolve("b.csv");
    Files.write(a, concat(lines.get(0), rows.subList(0, 150), "not,a,row"));
    Files.write(b, concat(lines.get(0), rows.subList(150, 300), "also,broken"));
    List<Incident> incidents = new ArrayList<>();
    long rejected = 0;
    for (Path file : List.of(a, b)) {
      try (Stream<ParsedRow<Incident>> all = IncidentFiles.read(file)) {
        for (ParsedRow<Incident> row : all.toList()) {
          if (row.isOk()) {
            incidents.add(row.value());
          } else {
            rejected++;
          }
        }
      }
    }
    assertThat(incidents).hasSizeGreaterThan(200); // rows without a location are rejected

    TimeOrderedIncidents read =
        TimeOrderedIncidents.read(List.of(a.toString(), b.toString()), IncidentFileSource.Filter.ALL,
            Clock.systemUTC());
    List<ParsedIncident> out = new ArrayList<>();
    read.forEachRemaining(out::add);

    assertThat(out).hasSize(302);
    int firstValid = (int) rejected;
    assertThat(out.subList(0, firstValid)).allSatisfy(r -> assertThat(r.isRejected()).isTrue());
    List<String> payloads = out.subList(0, firstValid).stream().map(r -> r.rejection().payload()).toList();
    assertThat(payloads).contains("not,a,row", "also,broken");
    assertThat(out.get(payloads.indexOf("not,a,row")).rejection().reason()).startsWith("line 151: ");
    assertThat(out.get(payloads.indexOf("not,a,row")).rejection().topic()).isEqualTo(a.toString());
    assertThat(out.get(payloads.indexOf("also,broken")).rejection().topic()).isEqualTo(b.toString());

    List<Incident> merged = out.subList(firstValid, out.size()).stream().map(ParsedIncident::incident).toList();
    assertThat(merged).containsExactlyInAnyOrderElementsOf(incidents);
    assertThat(merged).isSortedAccordingTo(Comparator.comparing(Incident::occurredAt));
    // equal times keep file order, then row order: a stable sort of the files' rows one after the other
    List<Incident> stable = new ArrayList<>(incidents);
    stable.sort(Comparator.comparing(Incident::occurredAt));
    assertThat(merged).containsExactlyElementsOf(stable);
  }

  @Test
  void rowsTheFilterRefusesAreLeftOutAndCounted(@TempDir Path dir) throws Exception {
    List<Incident> first = TestData.chicago2017First(400);
    Instant median = first.stream().map(Incident::occurredAt).sorted().toList().get(200);
    TimeOrderedIncidents read =
        TimeOrderedIncidents.read(
            List.of(TestData.chicago2017().toString()), i -> i.occurredAt().isBefore(median), Clock.systemUTC());
    long kept = 0;
    while (read.hasNext()) {
      ParsedIncident next = read.next();
      if (!next.isRejected()) {
        assertThat(next.incident().occurredAt()).isBefore(median);
        kept++;
      }
    }
    assertThat(kept).isPositive();
    assertThat(read.outsideRange()).isPositive();
  }

  private static List<String> concat(String header, List<String> rows, String broken) {
    List<String> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    lines.add(broken);
    return lines;
  }
}
