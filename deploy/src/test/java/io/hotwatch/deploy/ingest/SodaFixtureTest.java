package io.hotwatch.deploy.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The committed SODA fixture is what {@link SodaFixtureMaker} makes from the real 2017 export in ../shared/data. Run
 * with {@code -Dhotwatch.fixture.rewrite=true} to write it again.
 */
class SodaFixtureTest {

  static final String RESOURCE = "/socrata/chicago-2017-07.json";
  static final Path COMMITTED = Path.of("src/test/resources" + RESOURCE);

  @Test
  void committedFixtureIsWhatTheMakerMakesFromTheExport() throws Exception {
    Path export = Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
        .resolve("chicago-crimes-2015-2017/chicago_crimes_2017.csv.gz");
    assumeTrue(Files.isRegularFile(export), "the 2017 Chicago export not found at " + export);
    String made = SodaFixtureMaker.make(export);
    if (Boolean.getBoolean("hotwatch.fixture.rewrite")) {
      SodaFixtureMaker.write(made, COMMITTED);
    }
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8)).isEqualTo(made);
  }

  @Test
  void fixtureHoldsThreeHundredJulyRowsWithSystemFields() {
    List<ObjectNode> rows = SodaTestServer.fixtureRows();
    assertThat(rows).hasSize(SodaFixtureMaker.ROWS);
    Set<String> rowIds = new HashSet<>();
    assertThat(rows).allSatisfy(row -> {
      assertThat(row.get("date").asText()).startsWith("2017-07-");
      assertThat(row.get(":updated_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(rowIds.add(row.get(":id").asText())).as("row id %s once", row.get(":id")).isTrue();
    });
    // Ties on :updated_at (the export's rows were updated in batches) make the :id tie-break matter.
    assertThat(rows.stream().map(r -> r.get(":updated_at").asText()).distinct().count()).isLessThan(20);
    assertThat(rows.stream().filter(r -> !r.has("latitude")).count()).as("real rows without a location").isPositive();
  }
}
