package io.hotwatch.training.relevance;

import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.social.RelevanceModel;
import io.hotwatch.core.source.DcAlertTweetReader;
import io.hotwatch.core.source.ParsedRow;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Scores a relevance model and the keyword baseline on whole held-out events, and optionally on police alerts. */
public final class RelevanceEvaluation {

  private RelevanceEvaluation() {}

  /**
   * One event's figures, or all events' pooled.
   *
   * @param event the event's name, or "overall"
   * @param posts posts with a related or not-related label
   * @param related posts labelled related
   * @param model the model at its stored threshold
   * @param keywords the keyword baseline
   * @param allRelated calling every post related: the reference any F1 here must be read against
   */
  public record EventResult(
      String event, long posts, long related, BinaryScores model, BinaryScores keywords, BinaryScores allRelated) {

    EventResult plus(EventResult other, String name) {
      return new EventResult(
          name, posts + other.posts, related + other.related, model.plus(other.model), keywords.plus(other.keywords),
          allRelated.plus(other.allRelated));
    }
  }

  /**
   * Police alert tweets (all about an incident, so all related): the share each method calls related is its recall on
   * police text from another city and years.
   */
  public record PoliceAlertCheck(
      String file, long posts, long rejectedRows, long modelRelated, double modelRecall, long keywordRelated,
      double keywordRecall) {}

  /** The whole report, printed as JSON by {@code evaluate-relevance}. */
  public record Report(
      String model,
      double threshold,
      String thresholdRule,
      String labels,
      String keywordBaseline,
      List<String> trainingEvents,
      List<String> validationEvents,
      List<EventResult> events,
      EventResult overall,
      long notApplicableLeftOut,
      long rejectedRows,
      PoliceAlertCheck policeAlerts) {}

  public static Report evaluate(
      Path modelDir, RelevanceModel model, RelevanceCorpus corpus, List<String> events, Path policeAlerts)
      throws IOException {
    List<EventResult> results = new ArrayList<>();
    // counts pooled over every held-out post, not figures averaged over events
    EventResult overall = empty("overall");
    for (String event : events) {
      EventResult result = evaluateEvent(model, event, corpus.posts(event));
      results.add(result);
      overall = overall.plus(result, "overall");
    }
    var metadata = model.metadata();
    return new Report(
        modelDir.toString(), metadata.threshold(), metadata.thresholdRule(), metadata.labels(),
        KeywordBaseline.describe(), metadata.trainingEvents(), metadata.validationEvents(), results, overall,
        corpus.notApplicable(), corpus.rejected(), policeAlerts == null ? null : policeAlerts(model, policeAlerts));
  }

  static EventResult evaluateEvent(RelevanceModel model, String event, List<LabelledText> posts) {
    List<String> texts = posts.stream().map(LabelledText::text).toList();
    boolean[] actual = RelevanceTrainer.labels(posts);
    float[] scores = model.score(texts);
    boolean[] byModel = new boolean[posts.size()];
    boolean[] byKeywords = new boolean[posts.size()];
    boolean[] everything = new boolean[posts.size()];
    long related = 0;
    for (int i = 0; i < posts.size(); i++) {
      byModel[i] = model.isRelevant(scores[i]);
      byKeywords[i] = KeywordBaseline.related(texts.get(i));
      everything[i] = true;
      related += actual[i] ? 1 : 0;
    }
    return new EventResult(
        event, posts.size(), related, BinaryScores.of(byModel, actual), BinaryScores.of(byKeywords, actual),
        BinaryScores.of(everything, actual));
  }

  private static EventResult empty(String name) {
    return new EventResult(name, 0, 0, BinaryScores.empty(), BinaryScores.empty(), BinaryScores.empty());
  }

  static PoliceAlertCheck policeAlerts(RelevanceModel model, Path file) throws IOException {
    if (!DcAlertTweetReader.accepts(file)) {
      throw new IOException(file + " is not the DC police alert GeoJSON");
    }
    List<String> texts = new ArrayList<>();
    long rejected = 0;
    try (Stream<ParsedRow<SocialPost>> rows = DcAlertTweetReader.read(file)) {
      for (ParsedRow<SocialPost> row : (Iterable<ParsedRow<SocialPost>>) rows::iterator) {
        if (row.isOk()) {
          texts.add(row.value().text());
        } else {
          rejected++;
        }
      }
    }
    float[] scores = model.score(texts);
    long byModel = 0;
    long byKeywords = 0;
    for (int i = 0; i < texts.size(); i++) {
      byModel += model.isRelevant(scores[i]) ? 1 : 0;
      byKeywords += KeywordBaseline.related(texts.get(i)) ? 1 : 0;
    }
    double n = Math.max(1, texts.size());
    return new PoliceAlertCheck(
        file.toString(), texts.size(), rejected, byModel, byModel / n, byKeywords, byKeywords / n);
  }
}
