package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.ParsedRow;
import java.awt.geom.Path2D;
import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hotwatch detect} over the whole real 2017 Chicago file, and every hotspot event it writes checked against
 * the input this test reads itself: {@code observed} is the number of its incident ids, each id is a valid incident
 * of the file, lies inside the alert's geometry and occurred inside its window; every hotspot's events form one life
 * (opened at revision 0, one more revision each time, nothing after closed).
 */
class DetectYearAuditTest {

  private static final Path YEAR =
      Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
          .resolve("chicago-crimes-2015-2017/chicago_crimes_2017.csv.gz");

  @Test
  void everyAlertOfTheYearHoldsAgainstTheInput(@TempDir Path dir) throws Exception {
    assertThat(YEAR).as("the real 2017 Chicago file (hotwatch.data.dir)").isRegularFile();
    Map<String, Incident> input = new HashMap<>();
    try (Stream<ParsedRow<Incident>> rows = ChicagoCrimeReader.read(YEAR)) {
      rows.filter(ParsedRow::isOk).forEach(row -> input.put(row.value().id(), row.value()));
    }

    Path output = dir.resolve("year.jsonl");
    CliRun run = CliRun.of("detect", "--input", YEAR.toString(), "--output", output.toString(),
        "--model-dir", "demo/model", "--parallelism", "2");
    assertThat(run.exitCode()).as(run.err()).isZero();
    System.out.println(run.out().strip());

    EventCodec codec = new EventCodec();
    Map<String, HotspotAlert> lastOf = new HashMap<>();
    Set<String> closed = new HashSet<>();
    long alerts = 0;
    long ids = 0;
    try (BufferedReader lines = Files.newBufferedReader(output)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode node = codec.mapper().readTree(line);
        if (!node.path("kind").asText().equals(HotspotAlert.KIND)) {
          continue;
        }
        HotspotAlert alert = codec.mapper().treeToValue(node, HotspotAlert.class);
        String what = alert.hotspotId() + " revision " + alert.revision();
        assertThat(alert.observed()).as(what + ": observed against its ids").isEqualTo(alert.incidentIds().size());
        assertThat(new HashSet<>(alert.incidentIds()))
            .as(what + ": ids are distinct").hasSize(alert.incidentIds().size());
        assertThat(alert.categories().values().stream().mapToLong(Long::longValue).sum())
            .as(what + ": categories add up to observed").isEqualTo(alert.observed());
        Path2D geometry = areaOf(alert);
        for (String id : alert.incidentIds()) {
          Incident incident = input.get(id);
          assertThat(incident).as(what + ": incident " + id + " is in the input").isNotNull();
          assertThat(geometry.contains(incident.longitude(), incident.latitude()))
              .as(what + ": incident " + id + " lies inside the geometry").isTrue();
          assertThat(incident.occurredAt())
              .as(what + ": incident " + id + " occurred inside the window")
              .isAfterOrEqualTo(alert.windowStart()).isBefore(alert.windowEnd());
        }
        HotspotAlert previous = lastOf.put(alert.hotspotId(), alert);
        if (previous == null) {
          assertThat(alert.type()).as(what).isEqualTo(HotspotAlert.OPENED);
          assertThat(alert.revision()).as(what).isZero();
        } else {
          assertThat(closed).as(what + " after its close").doesNotContain(alert.hotspotId());
          assertThat(alert.type()).as(what).isIn(HotspotAlert.UPDATED, HotspotAlert.CLOSED);
          assertThat(alert.revision()).as(what).isEqualTo(previous.revision() + 1);
        }
        if (alert.type().equals(HotspotAlert.CLOSED)) {
          closed.add(alert.hotspotId());
        }
        alerts++;
        ids += alert.incidentIds().size();
      }
    }
    System.out.printf("audited %d hotspot events of %d hotspots, %d incident ids%n", alerts, lastOf.size(), ids);
    assertThat(lastOf.size())
        .as("a year of Chicago must hold hotspots for this test to mean anything")
        .isGreaterThan(50);
  }

  /** The alert's MultiPolygon as one even-odd area of (longitude, latitude), holes included. */
  private static Path2D areaOf(HotspotAlert alert) {
    Path2D.Double area = new Path2D.Double(Path2D.WIND_EVEN_ODD);
    for (List<List<List<Double>>> polygon : alert.geometry().coordinates()) {
      for (List<List<Double>> ring : polygon) {
        area.moveTo(ring.get(0).get(0), ring.get(0).get(1));
        for (List<Double> position : ring.subList(1, ring.size())) {
          area.lineTo(position.get(0), position.get(1));
        }
        area.closePath();
      }
    }
    return area;
  }
}
