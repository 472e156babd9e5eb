package io.hotwatch.training.compare;

import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.training.CategoryScorer;
import io.hotwatch.training.CategoryScores;
import io.hotwatch.training.EvaluateCommand;
import io.hotwatch.training.EvaluateCommand.EvaluationReport;
import io.hotwatch.training.IncidentCorpus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.classification.liblinear.LinearClassificationType.LinearType;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.common.nearest.KNNModel;
import org.tribuo.common.nearest.KNNTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Trains the classic classifiers on the training incidents, encoded exactly as the category network encodes them,
 * and scores them, the network and the class prior on the test incidents with the same measures.
 *
 * <p>The latest {@link ComparisonSettings#calibrationShare()} of the training rows by time are held out, as the
 * network's training holds out its validation rows: every method is fitted on the earlier rows only, and the held-out
 * rows serve only to fit the linear SVM's softmax temperature.
 */
public final class ModelComparison {

  /**
   * Vote shares of KNN and of the forest's trees can be exactly 0 for the actual category; a 1% share of the class
   * prior keeps one such miss from costing 16 nats (the 1e-7 clip) and is stated with the results.
   */
  static final double PRIOR_MIX = 0.01;

  private static final Logger LOG = LoggerFactory.getLogger(ModelComparison.class);

  private final ComparedNetwork compared;
  private final CategoryModel network;
  private final ComparisonSettings settings;

  public ModelComparison(ComparedNetwork compared, ComparisonSettings settings) {
    this.compared = compared;
    this.network = compared.model();
    this.settings = settings;
  }

  /** Everything the comparison measured, with the rows it used. */
  public record Comparison(
      List<MethodResult> methods, long trainingRows, long fitRows, long calibrationRows, long testRows,
      long droppedTrainingRows, long droppedTestRows, double svmTemperature) {}

  public Comparison run(IncidentCorpus training, IncidentCorpus test) throws IOException {
    List<String> categories = network.categories();
    Map<String, Integer> index = new HashMap<>();
    categories.forEach(c -> index.put(c, index.size()));
    EncodedRows all = EncodedRows.encode(network.encoder(), training.incidents(), index);
    EncodedRows testRows = EncodedRows.encode(network.encoder(), test.incidents(), index);
    if (testRows.size() == 0) {
      throw new IOException("none of the test incidents has a category the network knows " + categories);
    }
    int calibrationSize = (int) Math.round(all.size() * settings.calibrationShare());
    if (calibrationSize < 1 || all.size() - calibrationSize < categories.size()) {
      throw new IOException(all.size() + " training rows are too few to hold out calibration rows and fit on the rest");
    }
    EncodedRows fit = all.slice(0, all.size() - calibrationSize);
    EncodedRows calibration = all.slice(all.size() - calibrationSize, all.size());
    double[] prior = classPrior(fit.labels(), categories.size());
    Standardizer standardizer = Standardizer.fit(fit);
    double[][] fitX = standardise(standardizer, fit);
    double[][] testX = standardise(standardizer, testRows);
    UnaryOperator<double[]> withPrior = scores -> mixWithPrior(scores, prior);

    List<MethodResult> results = new ArrayList<>();
    Scoring scoring = new Scoring(categories, prior);
    results.add(
        scoring.score("class prior", "share of each category in the training rows", fit.size(), "", rows -> {
          double[][] out = new double[rows.length][];
          Arrays.fill(out, prior);
          return out;
        }, testX, testRows.labels(), 0.0));
    results.add(networkResult(test));

    LOG.info("naive Bayes on {} rows", fit.size());
    long started = System.nanoTime();
    CategoryClassifier bayes = NaiveBayes.fit(fitX, fit.labels(), categories.size());
    results.add(
        scoring.score("naive Bayes",
            "Bernoulli (Laplace) for flags and one-hot slots, normal for the rest, commons-math 3.6.1; variances + "
                + NaiveBayes.VARIANCE_SMOOTHING,
            fit.size(), "", bayes, testX, testRows.labels(), seconds(started)));

    LOG.info("logistic regression on {} rows", fit.size());
    started = System.nanoTime();
    CategoryClassifier logistic =
        TribuoClassifier.train(
            new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), 5, fit.size(), 1, settings.seed()),
            fitX, fit.labels(), categories, UnaryOperator.identity());
    results.add(
        scoring.score("logistic regression", "Tribuo LinearSGDTrainer, multinomial log loss, AdaGrad 1.0, 5 epochs",
            fit.size(), "", logistic, testX, testRows.labels(), seconds(started)));

    EncodedRows svmSample = fit.sample(settings.svmTrainingRows(), settings.seed());
    LOG.info("linear SVM on {} rows", svmSample.size());
    started = System.nanoTime();
    TribuoClassifier svm =
        TribuoClassifier.train(
            new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearType.L2R_L2LOSS_SVC), 1.0, 100, 0.1, settings.seed()),
            standardise(standardizer, svmSample), svmSample.labels(), categories, UnaryOperator.identity());
    double temperature = TemperatureFit.fit(svm.scores(standardise(standardizer, calibration)), calibration.labels());
    double svmSeconds = seconds(started);
    CategoryClassifier calibratedSvm = rows -> {
      double[][] scores = svm.scores(rows);
      for (int i = 0; i < scores.length; i++) {
        scores[i] = Softmax.of(scores[i], temperature);
      }
      return scores;
    };
    results.add(
        scoring.score("linear SVM", "Tribuo LibLinear L2-regularised L2-loss SVC (primal), C 1, one-vs-rest",
            svmSample.size(), sampleNote(svmSample.size(), fit.size(), "trained on") + String.format(Locale.ROOT,
                "; softmax over decision values, temperature %.4f fitted on the %d held-out training rows",
                temperature, calibration.size()),
            calibratedSvm, testX, testRows.labels(), svmSeconds));

    EncodedRows forestSample = fit.sample(settings.forestTrainingRows(), settings.seed());
    LOG.info("random forest on {} rows", forestSample.size());
    started = System.nanoTime();
    float featureShare = (float) (Math.sqrt(fit.width()) / fit.width());
    CategoryClassifier forest =
        TribuoClassifier.train(
            new RandomForestTrainer<>(
                new CARTClassificationTrainer(settings.forestMaxDepth(), featureShare, settings.seed()),
                new FullyWeightedVotingCombiner(), settings.forestTrees(), settings.seed()),
            standardise(standardizer, forestSample), forestSample.labels(), categories, withPrior);
    results.add(
        scoring.score("random forest",
            String.format(Locale.ROOT, "Tribuo RandomForestTrainer, %d CART trees, depth <= %d, %.2f of features per"
                + " split", settings.forestTrees(), settings.forestMaxDepth(), featureShare),
            forestSample.size(), sampleNote(forestSample.size(), fit.size(), "trained on") + "; tree leaf shares"
                + " averaged, mixed with 1% class prior",
            forest, testX, testRows.labels(), seconds(started)));

    EncodedRows knnSample = fit.sample(settings.knnTrainingRows(), settings.seed());
    EncodedRows knnTest = testRows.sample(settings.knnTestRows(), settings.seed());
    LOG.info("KNN indexing {} rows, scoring {}", knnSample.size(), knnTest.size());
    started = System.nanoTime();
    CategoryClassifier knn =
        TribuoClassifier.train(
            new KNNTrainer<>(settings.knnNeighbours(), new L2Distance(), Runtime.getRuntime().availableProcessors(),
                new VotingCombiner(), KNNModel.Backend.THREADPOOL, NeighboursQueryFactoryType.BRUTE_FORCE),
            standardise(standardizer, knnSample), knnSample.labels(), categories, withPrior);
    results.add(
        scoring.score("KNN",
            "Tribuo KNNTrainer, k " + settings.knnNeighbours() + ", Euclidean on standardised features, brute force",
            knnSample.size(), sampleNote(knnSample.size(), fit.size(), "indexes") + "; "
                + sampleNote(knnTest.size(), testRows.size(), "scores") + "; vote shares mixed with 1% class prior",
            knn, standardise(standardizer, knnTest), knnTest.labels(), seconds(started)));

    return new Comparison(
        results, all.size(), fit.size(), calibration.size(), testRows.size(),
        training.size() - all.size(), test.size() - testRows.size(), temperature);
  }

  private MethodResult networkResult(IncidentCorpus test) throws IOException {
    LOG.info("category network on {} rows", test.size());
    long started = System.nanoTime();
    EvaluationReport report = EvaluateCommand.evaluate(compared.name(), network, test);
    double scoringSeconds = seconds(started);
    var metadata = network.metadata();
    return new MethodResult(
        "category network (DL4J)", metadata.network(), metadata.trainingRows(), report.rows(),
        compared.origin() + "; scoring time includes feature encoding",
        report.logLoss(), report.top1Accuracy(), report.top3Accuracy(), compared.trainingSeconds(),
        scoringSeconds * 1e6 / report.rows());
  }

  private static String sampleNote(int sample, int of, String verb) {
    return sample < of
        ? String.format(Locale.ROOT, "%s a uniform random sample of %d of %d rows (seed fixed)", verb, sample, of)
        : verb + " all " + of + " rows";
  }

  private static double[] classPrior(int[] labels, int categories) {
    double[] prior = new double[categories];
    for (int label : labels) {
      prior[label]++;
    }
    for (int c = 0; c < categories; c++) {
      prior[c] /= labels.length;
    }
    return prior;
  }

  private static double[] mixWithPrior(double[] scores, double[] prior) {
    double sum = 0;
    for (double s : scores) {
      sum += s;
    }
    double[] out = new double[scores.length];
    for (int c = 0; c < out.length; c++) {
      double share = sum > 0 ? scores[c] / sum : prior[c];
      out[c] = (1 - PRIOR_MIX) * share + PRIOR_MIX * prior[c];
    }
    return out;
  }

  private static double[][] standardise(Standardizer standardizer, EncodedRows rows) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = standardizer.apply(rows.features()[i]);
    }
    return out;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** Scores one classifier on test rows with the measures of {@code evaluate}, timing the scoring. */
  private record Scoring(List<String> categories, double[] prior) {

    MethodResult score(
        String method, String implementation, long trainingRows, String note, CategoryClassifier classifier,
        double[][] rows, int[] labels, double trainingSeconds) {
      long started = System.nanoTime();
      double[][] probabilities = classifier.probabilities(rows);
      double scoringSeconds = seconds(started);
      int k = categories.size();
      float[] flat = new float[rows.length * k];
      for (int i = 0; i < rows.length; i++) {
        for (int c = 0; c < k; c++) {
          flat[i * k + c] = (float) probabilities[i][c];
        }
      }
      CategoryScorer scorer = new CategoryScorer(categories, prior);
      scorer.add(flat, labels);
      CategoryScores s = scorer.scores();
      LOG.info("{}: log loss {}, top-1 {}, {} s", method, s.logLoss(), s.top1Accuracy(), trainingSeconds);
      return new MethodResult(
          method, implementation, trainingRows, rows.length, note, s.logLoss(), s.top1Accuracy(), s.top3Accuracy(),
          trainingSeconds, scoringSeconds * 1e6 / rows.length);
    }
  }
}
