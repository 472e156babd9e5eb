package io.hotwatch.training.relevance;

import io.hotwatch.core.social.PostFeaturizer;
import io.hotwatch.core.social.RelevanceMetadata;
import io.hotwatch.core.social.RelevanceModel;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.random.Well19937c;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the relevance network on the training events, stops on the validation events' log loss, chooses the threshold
 * on the validation events and writes the artifact. The held-out events are never read here.
 */
public final class RelevanceTrainer {

  private static final Logger LOG = LoggerFactory.getLogger(RelevanceTrainer.class);

  /** Scores are clipped away from 0 and 1 in the log loss, so that one confident mistake cannot make it infinite. */
  private static final double LOG_LOSS_EPSILON = 1e-7;

  private final RelevanceSettings settings;

  public RelevanceTrainer(RelevanceSettings settings) {
    this.settings = settings;
  }

  /** One epoch's figures. */
  public record EpochLoss(int epoch, double trainLoss, double validationLogLoss) {}

  /** What a training run produced. */
  public record TrainingReport(Path artifact, RelevanceMetadata metadata, List<EpochLoss> epochs, Duration elapsed) {}

  public TrainingReport train(RelevanceCorpus corpus, EventSplit split, Path artifactDir) throws IOException {
    long started = System.nanoTime();
    PostFeaturizer featurizer = new PostFeaturizer(settings.featureWidth());
    List<LabelledText> trainingPosts = corpus.posts(split.training());
    List<LabelledText> validationPosts = corpus.posts(split.validation());
    EncodedPosts training = new EncodedPosts(featurizer, trainingPosts);
    List<String> validationTexts = validationPosts.stream().map(LabelledText::text).toList();
    boolean[] validationLabels = labels(validationPosts);
    LOG.info(
        "training on {} posts of {} events, validating on {} posts of {} events; {} feature slots",
        trainingPosts.size(), split.training().size(), validationPosts.size(), split.validation().size(),
        featurizer.width());

    RelevanceNetwork network = new RelevanceNetwork(settings);
    // scores through the artifact's own scoring path, so that what is validated is what will be deployed
    RelevanceModel scoring = new RelevanceModel(network.network(), provisional(split, trainingPosts, validationPosts));
    Well19937c random = new Well19937c(settings.seed());
    List<EpochLoss> epochs = new ArrayList<>();
    INDArray bestParams = network.params();
    double bestLoss = Double.POSITIVE_INFINITY;
    int keptEpoch = 0;
    for (int epoch = 1; epoch <= settings.maxEpochs() && epoch - keptEpoch <= settings.patience(); epoch++) {
      double trainLoss = network.fitEpoch(training, random, "epoch " + epoch + "/" + settings.maxEpochs());
      double validationLoss = logLoss(scoring.score(validationTexts), validationLabels);
      epochs.add(new EpochLoss(epoch, trainLoss, validationLoss));
      LOG.info(
          "epoch {}: train loss {}, validation log loss {}", epoch, fourDigits(trainLoss), fourDigits(validationLoss));
      if (validationLoss < bestLoss) {
        bestLoss = validationLoss;
        bestParams = network.params();
        keptEpoch = epoch;
      }
    }
    network.setParams(bestParams);

    float[] validationScores = scoring.score(validationTexts);
    ThresholdChoice.Choice choice = ThresholdChoice.best(validationScores, validationLabels);
    boolean[] keywords = new boolean[validationPosts.size()];
    for (int i = 0; i < keywords.length; i++) {
      keywords[i] = KeywordBaseline.related(validationTexts.get(i));
    }
    BinaryScores keywordScores = BinaryScores.of(keywords, validationLabels);
    Map<String, Double> metrics = new HashMap<>();
    metrics.put("keptEpoch", (double) keptEpoch);
    metrics.put("trainLoss", epochs.get(keptEpoch - 1).trainLoss());
    metrics.put("validationLogLoss", bestLoss);
    metrics.put("validationPrecision", choice.scores().precision());
    metrics.put("validationRecall", choice.scores().recall());
    metrics.put("validationF1", choice.scores().f1());
    metrics.put("validationMacroF1", choice.scores().macroF1());
    metrics.put("validationKeywordF1", keywordScores.f1());
    metrics.put("validationKeywordMacroF1", keywordScores.macroF1());
    metrics.put("validationRelatedShare", share(validationLabels));
    RelevanceMetadata metadata =
        new RelevanceMetadata(
            PostFeaturizer.SCHEMA_VERSION,
            featurizer.width(),
            choice.threshold(),
            "the score cut with the highest macro F1 (related and not-related F1 averaged) on the validation events",
            RelevanceCorpus.LABEL_RULE,
            split.training(),
            split.validation(),
            split.heldOut(),
            trainingPosts.size(),
            validationPosts.size(),
            metrics,
            network.describe(keptEpoch, epochs.size()),
            null);
    RelevanceMetadata written = new RelevanceModel(network.network(), metadata).save(artifactDir);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    LOG.info("wrote {} (kept epoch {}, threshold {}) in {} s", artifactDir, keptEpoch, choice.threshold(),
        elapsed.toSeconds());
    return new TrainingReport(artifactDir, written, List.copyOf(epochs), elapsed);
  }

  private RelevanceMetadata provisional(
      EventSplit split, List<LabelledText> trainingPosts, List<LabelledText> validationPosts) {
    return new RelevanceMetadata(
        PostFeaturizer.SCHEMA_VERSION, settings.featureWidth(), 0.5, "provisional", RelevanceCorpus.LABEL_RULE,
        split.training(), split.validation(), split.heldOut(), trainingPosts.size(), validationPosts.size(), Map.of(),
        "in training", null);
  }

  static boolean[] labels(List<LabelledText> posts) {
    boolean[] labels = new boolean[posts.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = posts.get(i).related();
    }
    return labels;
  }

  static double logLoss(float[] scores, boolean[] related) {
    double sum = 0;
    for (int i = 0; i < scores.length; i++) {
      double p = Math.min(1 - LOG_LOSS_EPSILON, Math.max(LOG_LOSS_EPSILON, scores[i]));
      sum -= related[i] ? Math.log(p) : Math.log(1 - p);
    }
    return sum / scores.length;
  }

  private static double share(boolean[] values) {
    int n = 0;
    for (boolean v : values) {
      n += v ? 1 : 0;
    }
    return values.length == 0 ? 0 : (double) n / values.length;
  }

  private static String fourDigits(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
