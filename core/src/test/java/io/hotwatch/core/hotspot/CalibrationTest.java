package io.hotwatch.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationTest {

  private static final Instant FROM = Instant.parse("2017-07-03T05:00:00Z");

  private static Calibration of(double... maxima) {
    return new Calibration(
        Calibration.Assumptions.of(8, EngineSettings.defaults(), FROM, 1, 1, 1), List.of("882664c1a3fffff"), maxima);
  }

  @Test
  void pValueCountsTheNullMaximaAtLeastAsLarge() {
    Calibration c = of(3, 1, 4, 2);
    assertThat(c.pValue(2.5)).isEqualTo(3 / 5.0); // 3 and 4
    assertThat(c.pValue(4)).isEqualTo(2 / 5.0); // ties count
    assertThat(c.pValue(10)).isEqualTo(1 / 5.0);
    assertThat(c.pValue(0)).isEqualTo(1.0);
    // 288 five-minute steps a day: 1 / (0.2 * 288)
    assertThat(c.recurrenceDays(0.2)).isCloseTo(0.017361, within(1e-6));
    assertThat(c.longestRecurrenceDays()).isCloseTo(5 / 288.0, within(1e-12));
  }

  @Test
  void theSimulationIsReproducibleAndItsPValuesAreUniformOnFreshNullSteps() {
    CalibrationSimulator simulator =
        new CalibrationSimulator(EngineFixture.BASELINE, EngineFixture.CITY, EngineFixture.SETTINGS);
    Calibration first = simulator.simulate(FROM, 1, 5);
    assertThat(simulator.simulate(FROM, 1, 5).nullMaxima()).containsExactly(first.nullMaxima());
    Calibration fresh = simulator.simulate(FROM.plus(Duration.ofDays(1)), 1, 6);
    assertThat(fresh.nullMaxima()).isNotEqualTo(first.nullMaxima());

    // p-values of independent null steps are (close to) uniform in their tail: about 10% fall at or below 0.1 and 5%
    // at or below 0.05 (steps without any cluster, maximum 0, all get p = 1)
    double[] p = Arrays.stream(fresh.nullMaxima()).map(EngineFixture.CALIBRATION::pValue).toArray();
    assertThat(Arrays.stream(p).filter(x -> x <= 0.1).count() / (double) p.length).isBetween(0.05, 0.16);
    assertThat(Arrays.stream(p).filter(x -> x <= 0.05).count() / (double) p.length).isBetween(0.02, 0.09);
    // the scan does find chance clusters in some of the null steps (this small city is quiet: 37 cells, 2 an hour);
    // mostly in the long windows, which it scans at every step only when told to
    assertThat(Arrays.stream(first.nullMaxima()).filter(x -> x > 0).count()).isPositive();
    Calibration everyStep =
        new CalibrationSimulator(EngineFixture.BASELINE, EngineFixture.CITY,
            EngineFixture.SETTINGS.withScansPerWindow(Integer.MAX_VALUE)).simulate(FROM, 1, 5);
    assertThat(Arrays.stream(everyStep.nullMaxima()).filter(x -> x > 0).count())
        .isGreaterThan(everyStep.replicates() / 20)
        .isGreaterThan(Arrays.stream(first.nullMaxima()).filter(x -> x > 0).count());
  }

  @Test
  void savedAndLoadedItAnswersTheSame(@TempDir Path dir) throws Exception {
    Calibration c = EngineFixture.CALIBRATION;
    c.save(dir.resolve("calibration.json"));
    Calibration loaded = Calibration.load(dir.resolve("calibration.json"));
    assertThat(loaded.nullMaxima()).containsExactly(c.nullMaxima());
    assertThat(loaded.assumptions()).isEqualTo(c.assumptions());
    assertThat(loaded.cells()).isEqualTo(c.cells());
    assertThat(loaded.pValue(12.3)).isEqualTo(c.pValue(12.3));
  }

  @Test
  void anEngineWithOtherWindowsOrAnotherResolutionRefusesIt() {
    Calibration c = EngineFixture.CALIBRATION;
    c.requireFits(EngineFixture.SETTINGS, 8);
    assertThatThrownBy(() -> c.requireFits(EngineFixture.SETTINGS.withWindows(List.of(Duration.ofHours(2))), 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run calibrate again");
    assertThatThrownBy(() -> c.requireFits(EngineFixture.SETTINGS, 9)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> c.requireFits(EngineFixture.SETTINGS.withScansPerWindow(12), 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("scanEveryMinutes=[5, 30, 120, 840]");
  }

  @Test
  void eachWindowIsScannedTwentyFourTimesPerItsLengthOnStepsAlignedToTheEpoch() {
    EngineSettings settings = EngineSettings.defaults();
    assertThat(List.of(0, 1, 2, 3).stream().map(settings::scanEvery))
        .containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(7));
    long sevenHours = Duration.ofHours(7).toMillis();
    long step = 1000 * sevenHours; // 1970-02-09T16:00Z
    assertThat(List.of(0, 1, 2, 3).stream().map(w -> settings.scansAt(w, step))).containsOnly(true);
    long fifteenMinutesLater = step + Duration.ofMinutes(15).toMillis();
    assertThat(List.of(0, 1, 2, 3).stream().map(w -> settings.scansAt(w, fifteenMinutesLater)))
        .containsExactly(true, true, false, false);
    assertThat(c(settings.withScansPerWindow(Integer.MAX_VALUE))).containsOnly(Duration.ofMinutes(5));
  }

  private static List<Duration> c(EngineSettings settings) {
    return List.of(0, 1, 2, 3).stream().map(settings::scanEvery).toList();
  }

  @Test
  void aBrokenFileIsAnIoExceptionNamingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("calibration.json");
    Files.writeString(file, "{\"assumptions\": null}");
    assertThatThrownBy(() -> Calibration.load(file)).hasMessageContaining(file.toString());
    assertThatThrownBy(() -> Calibration.load(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
  }
}
