package io.hotwatch.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.training.CategoryScores.CategoryStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryScorerTest {

  private static final List<String> CATEGORIES = List.of("A", "B", "C", "D");
  private static final double[] PRIOR = {0.4, 0.3, 0.2, 0.1};

  @Test
  void scoresFourRowsAsWorkedOutByHand() {
    CategoryScorer scorer = new CategoryScorer(CATEGORIES, PRIOR);
    scorer.add(
        new float[] {
          0.7f, 0.1f, 0.1f, 0.1f, // A, ranked first
          0.6f, 0.3f, 0.05f, 0.05f, // B, ranked second
        },
        new int[] {0, 1});
    scorer.add(
        new float[] {
          0.4f, 0.3f, 0.2f, 0.1f, // D, ranked fourth
          0.1f, 0.1f, 0.0f, 0.8f, // C, probability 0: clipped to 1e-7
        },
        new int[] {3, 2});

    CategoryScores s = scorer.scores();

    assertThat(s.rows()).isEqualTo(4);
    assertThat(s.logLoss())
        .isCloseTo(-(Math.log(0.7f) + Math.log(0.3f) + Math.log(0.1f) + Math.log(1e-7)) / 4, within(1e-9));
    assertThat(s.priorLogLoss()).isCloseTo(-(Math.log(0.4) + Math.log(0.3) + Math.log(0.1) + Math.log(0.2)) / 4, within(1e-12));
    assertThat(s.top1Accuracy()).isEqualTo(0.25);
    assertThat(s.top3Accuracy()).isEqualTo(0.5);
    assertThat(s.priorTop1Accuracy()).isEqualTo(0.25);
    // predicted A, A, A, D: A has precision 1/3 and recall 1, F1 1/2; B, C and D have F1 0
    assertThat(s.perCategory().get("A")).isEqualTo(new CategoryStats(1, 1.0 / 3, 1.0));
    assertThat(s.perCategory().get("B")).isEqualTo(new CategoryStats(1, 0.0, 0.0));
    assertThat(s.perCategory().get("D")).isEqualTo(new CategoryStats(1, 0.0, 0.0));
    assertThat(s.macroF1()).isCloseTo(0.125, within(1e-12));
  }

  @Test
  void refusesMismatchedShapesAndEmptyResults() {
    CategoryScorer scorer = new CategoryScorer(CATEGORIES, PRIOR);
    assertThatThrownBy(() -> scorer.add(new float[] {0.5f, 0.5f}, new int[] {0}))
        .hasMessageContaining("2 probabilities for 1 rows of 4 categories");
    assertThatThrownBy(scorer::scores).hasMessageContaining("no rows");
    assertThatThrownBy(() -> new CategoryScorer(CATEGORIES, new double[] {1.0}))
        .hasMessageContaining("1 prior shares for 4 categories");
  }
}
