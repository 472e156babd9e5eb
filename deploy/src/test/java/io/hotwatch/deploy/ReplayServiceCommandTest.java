package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.replay.ReplayDataset;
import io.hotwatch.deploy.replay.DatasetCatalogue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hotwatch replay-service}'s refusals, and the dataset catalogue it offers, from the bundled data folder. */
class ReplayServiceCommandTest {

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));

  @Test
  void theBundledFolderOffersItsMonthOfChicagoCrimesAndNothingElse() throws Exception {
    // the folder also holds the social-post pool, which is no incident file
    DatasetCatalogue catalogue = DatasetCatalogue.inDirectory(HOME.resolve("deploy/demo/data"));
    List<ReplayDataset> datasets = List.copyOf(catalogue.datasets());
    assertThat(datasets).hasSize(1);
    ReplayDataset month = datasets.get(0);
    assertThat(month.name()).isEqualTo("chicago_crimes_2017-07");
    assertThat(month.rows()).isGreaterThan(20_000);
    // July 2017 as Chicago saw it (UTC-5 in summer)
    assertThat(month.firstEvent())
        .isBetween(Instant.parse("2017-07-01T05:00:00Z"), Instant.parse("2017-07-02T05:00:00Z"));
    assertThat(month.lastEvent())
        .isBetween(Instant.parse("2017-07-31T05:00:00Z"), Instant.parse("2017-08-01T05:00:00Z"));
    assertThat(month.description()).startsWith("Chicago crimes, " + month.rows() + " incidents");
  }

  @Test
  void aFolderWithoutIncidentFilesOrAMissingOptionEndsWithOneLine(@TempDir Path empty) throws Exception {
    Files.writeString(empty.resolve("notes.txt"), "not a dataset\n");
    CliRun run = CliRun.of("replay-service", "--bootstrap-servers", "127.0.0.1:9", "--datasets", empty.toString());
    assertThat(run.exitCode()).isEqualTo(HotwatchCli.FAILED);
    assertThat(run.err()).startsWith("hotwatch replay-service: datasets directory").contains("holds no incident file")
        .hasLineCount(1);
    CliRun.assertOneLineUsageError("hotwatch replay-service: Missing required option: '--bootstrap-servers",
        "replay-service");
  }
}
