package io.hotwatch.training.relevance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which whole crisis events train, validate and evaluate the relevance model. Posts of one event share words (its
 * place, its hashtags), so a random split of rows would let the model recognise the event rather than relevance:
 * every split is by event.
 *
 * @param training events the weights are fitted on: every event of the corpus not in the other two lists
 * @param validation events that stop training and choose the threshold
 * @param heldOut events used only by {@code evaluate-relevance}
 */
public record EventSplit(List<String> training, List<String> validation, List<String> heldOut) {

  /**
   * The default held-out events, fixed before any model was trained: three crime- or police-like events (a shooting,
   * a bombing, an industrial explosion with a criminal inquiry) and three natural disasters of three kinds and
   * languages (a flood, an earthquake in a Spanish-speaking country, a typhoon).
   */
  public static final List<String> DEFAULT_HELD_OUT =
      List.of(
          "2013_LA_airport_shootings", "2013_Boston_bombings", "2013_West_Texas_explosion", "2013_Queensland_floods",
          "2012_Costa_Rica_earthquake", "2013_Typhoon_Yolanda");

  /**
   * The default validation events, fixed with the held-out ones: a wildfire, a meteor, an air crash and an earthquake,
   * each with enough "Not related" posts (50-270) for a threshold to be chosen on.
   */
  public static final List<String> DEFAULT_VALIDATION =
      List.of(
          "2012_Colorado_wildfires", "2013_Russia_meteor", "2013_Glasgow_helicopter_crash", "2012_Italy_earthquakes");

  public EventSplit {
    training = List.copyOf(training);
    validation = List.copyOf(validation);
    heldOut = List.copyOf(heldOut);
  }

  /**
   * Splits the corpus's events: the named held-out and validation events, and every other event for training.
   *
   * @throws IllegalArgumentException naming an event the corpus lacks, one named twice, or an empty part
   */
  public static EventSplit of(List<String> corpusEvents, List<String> heldOut, List<String> validation) {
    Set<String> known = new HashSet<>(corpusEvents);
    for (String event : heldOut) {
      if (!known.contains(event)) {
        throw new IllegalArgumentException(
            "held-out event " + event + " is not in the input (" + known.size() + " events)");
      }
    }
    for (String event : validation) {
      if (!known.contains(event)) {
        throw new IllegalArgumentException(
            "validation event " + event + " is not in the input (" + known.size() + " events)");
      }
      if (heldOut.contains(event)) {
        throw new IllegalArgumentException("event " + event + " is both held out and in validation");
      }
    }
    if (validation.isEmpty()) {
      throw new IllegalArgumentException("no validation events: the threshold and the stopping epoch need some");
    }
    List<String> training = new ArrayList<>();
    for (String event : corpusEvents) {
      if (!heldOut.contains(event) && !validation.contains(event)) {
        training.add(event);
      }
    }
    if (training.isEmpty()) {
      throw new IllegalArgumentException("no training events left after holding out " + heldOut.size()
          + " and validating on " + validation.size());
    }
    return new EventSplit(training, List.copyOf(new java.util.LinkedHashSet<>(validation)),
        List.copyOf(new java.util.LinkedHashSet<>(heldOut)));
  }
}
