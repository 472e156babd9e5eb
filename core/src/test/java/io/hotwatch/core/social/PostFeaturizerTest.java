package io.hotwatch.core.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostFeaturizerTest {

  private final PostFeaturizer featurizer = new PostFeaturizer(PostFeaturizer.DEFAULT_WIDTH);

  @Test
  void aPostHasWordsBigramsAndTrigramsOfItsWords() {
    List<List<String>> kinds = featurizer.features("Fire at http://t.co/x");

    assertThat(kinds.get(0)).containsExactly("w fire", "w at", "w <url>");
    assertThat(kinds.get(1)).containsExactly("b fire at", "b at <url>");
    // no trigrams of the placeholder: "<url>" is not a word
    assertThat(kinds.get(2)).containsExactly("c <fi", "c fir", "c ire", "c re>", "c <at", "c at>");
  }

  @Test
  void everyNonEmptyPostHasAVectorOfLengthAboutOne() {
    for (String text : List.of("fire", "Massive explosion at the fertilizer plant in West, Texas #prayfortexas",
        "lol")) {
      float[] row = featurizer.encode(text);
      assertThat(row).hasSize(PostFeaturizer.DEFAULT_WIDTH);
      double length = Math.sqrt(squares(row));
      // three unit-length kinds over sqrt(3); fewer kinds (a one-word post has no bigram) or cross-kind collisions
      // make it shorter
      assertThat(length).as(text).isBetween(0.7, 1.0 + 1e-6);
    }
    assertThat(squares(featurizer.encode("!!!"))).isZero();
  }

  @Test
  void batchRowsAreTheSingleVectorsAndInstancesAgree() {
    List<String> texts = List.of("Shots fired near LAX terminal 3", "", "Praying for Boston \u2764");
    float[] rows = featurizer.encodeAll(texts);
    PostFeaturizer other = new PostFeaturizer(PostFeaturizer.DEFAULT_WIDTH);
    int width = featurizer.width();
    for (int i = 0; i < texts.size(); i++) {
      assertThat(Arrays.copyOfRange(rows, i * width, (i + 1) * width)).containsExactly(other.encode(texts.get(i)));
    }
  }

  @Test
  void similarPostsAreCloserThanUnrelatedOnes() {
    float[] a = featurizer.encode("Explosion at the fertilizer plant");
    float[] b = featurizer.encode("explosions at a fertiliser plant!!");
    float[] c = featurizer.encode("Kim Kardashian lands in Los Angeles");
    assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.2);
    assertThat(dot(a, a)).isCloseTo(squares(a), within(1e-9));
  }

  @Test
  void refusesWidthsThatAreNotPowersOfTwoInRange() {
    assertThatThrownBy(() -> new PostFeaturizer(1000)).hasMessage(
        "feature width 1000 is not a power of two in [64, 1048576]");
    assertThatThrownBy(() -> new PostFeaturizer(32)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNullTextInABatchIsNamed() {
    assertThatThrownBy(() -> featurizer.encodeAll(Arrays.asList("ok", null)))
        .hasMessage("post text 1 of 2 is null");
  }

  private static double squares(float[] v) {
    return dot(v, v);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
