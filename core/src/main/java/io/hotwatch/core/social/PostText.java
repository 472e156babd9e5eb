package io.hotwatch.core.social;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises a social post's text and splits it into tokens, the same way for training, evaluation and scoring.
 *
 * <p>Text is NFKC-normalised (full-width and styled letters become plain ones) and lower-cased. Links, mentions and
 * numbers become the placeholder tokens {@value #URL}, {@value #USER} and {@value #NUMBER}: which link, account or
 * figure a post names says little about whether it concerns a crisis, and each would otherwise be a token seen once.
 * A hashtag counts as its word ({@code #lax} is {@code lax}). Punctuation and emoji are dropped.
 */
public final class PostText {

  public static final String URL = "<url>";
  public static final String USER = "<user>";
  public static final String NUMBER = "<num>";

  // one pass, first alternative that matches wins: links before words so that "http" is never a word
  private static final Pattern TOKEN =
      Pattern.compile(
          "(?<url>(?:https?://|www\\.)\\S+)"
              + "|(?<user>@[\\p{L}\\p{N}_]+)"
              + "|(?<number>\\p{N}+(?:[.,:/]\\p{N}+)*)"
              + "|(?<word>[\\p{L}\\p{M}][\\p{L}\\p{M}\\p{N}_]*(?:['\u2019][\\p{L}\\p{M}]+)*)");

  private PostText() {}

  /** NFKC, lower case (locale-independent). */
  public static String normalise(String text) {
    return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
  }

  /** The tokens of a post, in order; placeholders for links, mentions and numbers. */
  public static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(normalise(text));
    while (m.find()) {
      if (m.group("url") != null) {
        tokens.add(URL);
      } else if (m.group("user") != null) {
        tokens.add(USER);
      } else if (m.group("number") != null) {
        tokens.add(NUMBER);
      } else {
        tokens.add(m.group("word").replace('\u2019', '\''));
      }
    }
    return tokens;
  }

  /** True for {@link #URL}, {@link #USER} and {@link #NUMBER}. */
  public static boolean isPlaceholder(String token) {
    return token.equals(URL) || token.equals(USER) || token.equals(NUMBER);
  }
}
