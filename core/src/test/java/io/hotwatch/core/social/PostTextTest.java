package io.hotwatch.core.social;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostTextTest {

  @Test
  void linksMentionsAndNumbersBecomePlaceholders() {
    assertThat(PostText.tokens("RT @LAPD: Shooting at #LAX Terminal 3, 12:30 http://t.co/abc123 via @cnn"))
        .containsExactly(
            "rt", "<user>", "shooting", "at", "lax", "terminal", "<num>", "<num>", "<url>",
            "via", "<user>");
  }

  @Test
  void fullWidthAndStyledLettersAreFoldedAndCaseIsLowered() {
    assertThat(PostText.tokens("ＦＩＲＥ in Ümraniye")).containsExactly("fire", "in", "ümraniye");
  }

  @Test
  void keepsApostrophesInsideWordsAndDropsPunctuationAndEmoji() {
    assertThat(PostText.tokens("Don\u2019t go!!! \uD83D\uDE31 it's... bad"))
        .containsExactly("don't", "go", "it's", "bad");
  }

  @Test
  void emptyAndPunctuationOnlyTextsHaveNoTokens() {
    assertThat(PostText.tokens("")).isEmpty();
    assertThat(PostText.tokens(" ?! ... ")).isEmpty();
  }
}
