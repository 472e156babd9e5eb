package io.hotwatch.training.compare;

/** Softmax of scores divided by a temperature, computed stably. */
final class Softmax {

  private Softmax() {}

  static double[] of(double[] scores, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double[] out = new double[scores.length];
    double sum = 0;
    for (int c = 0; c < scores.length; c++) {
      out[c] = Math.exp((scores[c] - max) / temperature);
      sum += out[c];
    }
    for (int c = 0; c < out.length; c++) {
      out[c] /= sum;
    }
    return out;
  }
}
