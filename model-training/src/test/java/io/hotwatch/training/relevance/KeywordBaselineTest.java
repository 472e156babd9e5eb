package io.hotwatch.training.relevance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeywordBaselineTest {

  @Test
  void aPostIsRelatedWhenAWholeTokenIsATerm() {
    assertThat(KeywordBaseline.related("RT @ABC: Police say a gunman opened fire at #LAX")).isTrue();
    assertThat(KeywordBaseline.related("#PrayForBoston")).isFalse(); // a hashtag is one token, not "pray"
    assertThat(KeywordBaseline.related("Praying for everyone in West")).isTrue();
    assertThat(KeywordBaseline.related("Firefox is so slow today lol")).isFalse(); // no term inside a longer word
    assertThat(KeywordBaseline.related("")).isFalse();
  }

  @Test
  void termsAreLowerCaseWordsAsTheTokeniserWritesThem() {
    assertThat(KeywordBaseline.TERMS)
        .allMatch(t -> t.equals(t.toLowerCase(java.util.Locale.ROOT)) && t.matches("\\p{L}+"));
  }
}
