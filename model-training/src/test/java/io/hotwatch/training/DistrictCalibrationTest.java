package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.training.DistrictCalibration.CalibrationReport;
import io.hotwatch.training.DistrictCalibration.Reliability;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistrictCalibrationTest {

  private static final List<String> CATEGORIES = List.of("A", "B", "C", "D", "E", "F");
  // five main categories: B, then C and F (a tie: taxonomy order), D, E; A is the rarest and left out
  private static final double[] PRIOR = {0.05, 0.3, 0.2, 0.15, 0.1, 0.2};

  @Test
  void worksOutFourRowsInThreeDistrictsAsByHand() {
    DistrictCalibration calibration = new DistrictCalibration(CATEGORIES, PRIOR);
    calibration.add(
        new float[] {
          0.05f, 0.6f, 0.1f, 0.1f, 0.1f, 0.05f, // B, top 0.6 right: bin 6
          0.1f, 0.2f, 0.35f, 0.15f, 0.1f, 0.1f, // D, top 0.35 wrong: bin 3
        },
        new int[] {1, 3},
        List.of("2", "10"));
    calibration.add(
        new float[] {
          0.1f, 0.15f, 0.15f, 0.15f, 0.3f, 0.15f, // E, top 0.3 right: bin 3
          0.0f, 0.95f, 0.01f, 0.01f, 0.01f, 0.02f, // A at probability 0 (clipped to 1e-7), top 0.95 wrong: bin 9
        },
        new int[] {4, 0},
        List.of("2", ""));

    CalibrationReport report = calibration.report();

    assertThat(report.bins()).isEqualTo(10);
    assertThat(report.perDistrict()).containsOnlyKeys("2", "10", "none");
    assertThat(List.copyOf(report.perDistrict().keySet())).containsExactly("2", "10", "none");
    Reliability all = report.overall();
    assertThat(all.rows()).isEqualTo(4);
    assertThat(all.logLoss())
        .isCloseTo(-(Math.log(0.6f) + Math.log(0.15f) + Math.log(0.3f) + Math.log(1e-7)) / 4, within(1e-9));
    assertThat(all.top1Accuracy()).isEqualTo(0.5);
    // bin 3: 1 hit against 0.35 + 0.3; bin 6: 1 against 0.6; bin 9: 0 against 0.95
    assertThat(all.expectedCalibrationError()).isCloseTo((0.35 + 0.4 + 0.95) / 4, within(1e-6));
    assertThat(List.copyOf(all.mainCategories().keySet())).containsExactly("B", "C", "F", "D", "E");
    assertThat(all.mainCategories().get("B").meanPredicted()).isCloseTo((0.6 + 0.2 + 0.15 + 0.95) / 4, within(1e-6));
    assertThat(all.mainCategories().get("B").observedShare()).isEqualTo(0.25);
    assertThat(all.mainCategories().get("C").observedShare()).isZero();
    assertThat(all.mainCategories().get("E").meanPredicted()).isCloseTo((0.1 + 0.1 + 0.3 + 0.01) / 4, within(1e-6));
    assertThat(report.overallBins().get(3).rows()).isEqualTo(2);
    assertThat(report.overallBins().get(3).meanConfidence()).isCloseTo(0.325, within(1e-6));
    assertThat(report.overallBins().get(3).accuracy()).isEqualTo(0.5);
    assertThat(report.overallBins().get(0).rows()).isZero();

    Reliability two = report.perDistrict().get("2");
    assertThat(two.rows()).isEqualTo(2);
    assertThat(two.top1Accuracy()).isEqualTo(1.0);
    assertThat(two.expectedCalibrationError()).isCloseTo((0.4 + 0.7) / 2, within(1e-6));
    assertThat(two.logLoss()).isCloseTo(-(Math.log(0.6f) + Math.log(0.3f)) / 2, within(1e-9));
    assertThat(report.perDistrict().get("10").expectedCalibrationError()).isCloseTo(0.35, within(1e-6));
    assertThat(report.perDistrict().get("none").logLoss()).isCloseTo(-Math.log(1e-7), within(1e-9));
  }

  @Test
  void refusesMismatchedShapesAndEmptyResults() {
    DistrictCalibration calibration = new DistrictCalibration(CATEGORIES, PRIOR);

    assertThatThrownBy(() -> calibration.add(new float[6], new int[] {0}, List.of("1", "2")))
        .hasMessageContaining("6 probabilities and 2 districts for 1 rows of 6 categories");
    assertThatThrownBy(calibration::report).hasMessageContaining("no rows");
    assertThatThrownBy(() -> new DistrictCalibration(CATEGORIES, new double[] {1.0}))
        .hasMessageContaining("1 prior shares for 6 categories");
  }
}
