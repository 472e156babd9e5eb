package io.hotwatch.training.relevance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdChoiceTest {

  @Test
  void cutsBetweenTheClassesWhenTheyAreSeparable() {
    float[] scores = {0.9f, 0.2f, 0.7f, 0.3f, 0.95f};
    boolean[] related = {true, false, true, false, true};

    ThresholdChoice.Choice choice = ThresholdChoice.best(scores, related);

    assertThat(choice.threshold()).isEqualTo(0.7f);
    assertThat(choice.scores().macroF1()).isEqualTo(1.0);
  }

  @Test
  void prefersTheCutWithTheBestMacroF1OverCallingEverythingRelated() {
    // related F1 is highest with everything called related (9 of 10 related); macro F1 wants the one unrelated post out
    float[] scores = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 0.05f};
    boolean[] related = {true, true, true, true, true, true, true, true, true, false};

    ThresholdChoice.Choice choice = ThresholdChoice.best(scores, related);

    assertThat(choice.threshold()).isEqualTo(0.1f);
    assertThat(choice.scores().trueNegatives()).isEqualTo(1);
    assertThat(choice.scores().falseNegatives()).isZero();
  }

  @Test
  void tiedScoresStayOnOneSide() {
    float[] scores = {0.5f, 0.5f, 0.5f, 0.9f};
    boolean[] related = {true, false, false, true};

    ThresholdChoice.Choice choice = ThresholdChoice.best(scores, related);

    // cutting at 0.9 sends all three 0.5s to "not related" together
    assertThat(choice.threshold()).isEqualTo(0.9f);
    assertThat(choice.scores().trueNegatives()).isEqualTo(2);
    assertThat(choice.scores().falseNegatives()).isEqualTo(1);
  }

  @Test
  void refusesNoPosts() {
    assertThatThrownBy(() -> ThresholdChoice.best(new float[0], new boolean[0]))
        .hasMessage("no validation posts to choose a threshold on");
  }
}
