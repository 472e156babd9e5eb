package io.hotwatch.flink.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.flink.TestData;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Incidents kept as columns come back equal, real ones and those with null or fractional times. */
class IncidentColumnsTest {

  @Test
  void realIncidentsComeBackEqual() throws Exception {
    List<Incident> real = TestData.chicago2017First(2_000);
    IncidentColumns columns = new IncidentColumns();
    real.forEach(columns::add);
    assertThat(columns.size()).isEqualTo(real.size());
    assertThat(IntStream.range(0, real.size()).mapToObj(columns::get).toList()).isEqualTo(real);
  }

  @Test
  void nullReportTimesEmptyIdsAndNanosSurvive() {
    Incident a = new Incident("", "x", Instant.ofEpochSecond(-5, 7), null, -90, 180, "A", "a", "", "", "", "");
    Incident b = new Incident("12", "y", Instant.EPOCH, Instant.ofEpochSecond(9, 999_999_999), 0.1, -0.0, "B",
        "b", "d", "1", "0112", "STREET");
    IncidentColumns columns = new IncidentColumns();
    columns.add(a);
    columns.add(b);
    assertThat(columns.get(0)).isEqualTo(a);
    assertThat(columns.get(1)).isEqualTo(b);
    assertThat(columns.occurredNano(0)).isEqualTo(7);
  }
}
