package io.hotwatch.training.relevance;

import io.hotwatch.core.social.PostText;
import java.util.Set;

/**
 * The baseline the relevance model must beat: a post is related when one of its {@link PostText} tokens is a crisis or
 * police term of a fixed English list. The list was written once, from general knowledge of emergency vocabulary,
 * before any evaluation, and is not tuned on any event.
 */
public final class KeywordBaseline {

  static final Set<String> TERMS =
      Set.of(
          // police and crime
          "police", "cops", "cop", "officer", "officers", "sheriff", "swat", "fbi", "shooting", "shootings", "shooter",
          "shot", "shots", "gunman", "gun", "guns", "gunfire", "suspect", "suspects", "arrest", "arrested", "attack",
          "attacks", "terror", "terrorist", "terrorism", "lockdown", "bomb", "bombs", "bombing", "bombings",
          // harm
          "killed", "kill", "dead", "death", "deaths", "died", "injured", "injuries", "wounded", "victims", "victim",
          "casualties", "toll", "missing", "trapped", "survivors",
          // disasters
          "explosion", "explosions", "blast", "exploded", "fire", "fires", "wildfire", "wildfires", "bushfire",
          "bushfires", "blaze", "smoke", "flood", "floods", "flooding", "earthquake", "quake", "tremor", "typhoon",
          "hurricane", "storm", "cyclone", "tornado", "tsunami", "landslide", "crash", "crashed", "derailed",
          "derailment", "collapse", "collapsed", "rubble", "disaster", "tragedy", "damage", "destroyed",
          // response
          "evacuate", "evacuated", "evacuation", "evacuees", "emergency", "rescue", "rescued", "rescuers", "ambulance",
          "paramedics", "hospital", "relief", "donate", "donations", "aid", "pray", "prayers", "praying", "alert",
          "warning");

  private KeywordBaseline() {}

  public static boolean related(String text) {
    for (String token : PostText.tokens(text)) {
      if (TERMS.contains(token)) {
        return true;
      }
    }
    return false;
  }

  /** One line for reports. */
  public static String describe() {
    return "related when a token is one of " + TERMS.size() + " fixed English crisis and police terms";
  }
}
