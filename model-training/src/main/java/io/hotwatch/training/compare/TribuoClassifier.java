package io.hotwatch.training.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * A Tribuo classification model over standardised rows; its per-category scores become probabilities through
 * {@code toProbabilities} (identity for models that already give probabilities).
 */
final class TribuoClassifier implements CategoryClassifier {

  private static final LabelFactory LABELS = new LabelFactory();
  private static final int BATCH = 4096;

  private final Model<Label> model;
  private final List<String> categories;
  private final String[] featureNames;
  private final UnaryOperator<double[]> toProbabilities;

  private TribuoClassifier(
      Model<Label> model, List<String> categories, String[] featureNames, UnaryOperator<double[]> toProbabilities) {
    this.model = model;
    this.categories = categories;
    this.featureNames = featureNames;
    this.toProbabilities = toProbabilities;
  }

  /** Trains {@code trainer} on the rows; feature names are numbered so that Tribuo keeps the encoder's order. */
  static TribuoClassifier train(
      Trainer<Label> trainer, double[][] rows, int[] labels, List<String> categories,
      UnaryOperator<double[]> toProbabilities) {
    String[] names = new String[rows[0].length];
    for (int f = 0; f < names.length; f++) {
      names[f] = String.format("f%03d", f);
    }
    MutableDataset<Label> dataset =
        new MutableDataset<>(new SimpleDataSourceProvenance("hotwatch incidents", LABELS), LABELS);
    for (int i = 0; i < rows.length; i++) {
      dataset.add(new ArrayExample<>(new Label(categories.get(labels[i])), names, rows[i]));
    }
    return new TribuoClassifier(trainer.train(dataset), categories, names, toProbabilities);
  }

  /** The model's raw scores per category, in the model's category order (0 where Tribuo gives none). */
  double[][] scores(double[][] rows) {
    double[][] out = new double[rows.length][];
    for (int start = 0; start < rows.length; start += BATCH) {
      int end = Math.min(rows.length, start + BATCH);
      List<Example<Label>> batch = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        batch.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames, rows[i]));
      }
      List<Prediction<Label>> predictions = model.predict(batch);
      for (int i = 0; i < predictions.size(); i++) {
        Map<String, Label> byName = predictions.get(i).getOutputScores();
        double[] row = new double[categories.size()];
        for (int c = 0; c < row.length; c++) {
          Label label = byName.get(categories.get(c));
          row[c] = label == null ? 0 : label.getScore();
        }
        out[start + i] = row;
      }
    }
    return out;
  }

  @Override
  public double[][] probabilities(double[][] rows) {
    double[][] scores = scores(rows);
    for (int i = 0; i < scores.length; i++) {
      scores[i] = toProbabilities.apply(scores[i]);
    }
    return scores;
  }
}
