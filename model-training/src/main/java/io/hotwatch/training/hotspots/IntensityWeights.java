package io.hotwatch.training.hotspots;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Non-negative weights of an additive Poisson intensity: a cell's expected count for a period is the weighted sum of
 * its {@link IntensityComponents}, the weights fitted by maximum likelihood over observed cell-periods. Additive, as
 * the background and the triggered parts of a self-exciting point process are, and non-negative, so each weight reads
 * as how much that part carries.
 *
 * @param names the components' names
 * @param weights one per component
 * @param logLikelihood the Poisson log-likelihood at the fit, less the constant sum of log(y!)
 * @param evaluations likelihood evaluations the optimiser made
 */
record IntensityWeights(List<String> names, double[] weights, double logLikelihood, int evaluations) {

  private static final int MAX_EVALUATIONS = 20_000;
  private static final double MIN_EXPECTED = 1e-9;

  /** The expected count for one cell and period from its components. */
  double expected(double[] parts) {
    double sum = 0;
    for (int j = 0; j < weights.length; j++) {
      sum += weights[j] * parts[j];
    }
    return sum;
  }

  /**
   * Fits the weights to observed cell-periods: BOBYQA (bounded, derivative-free) on the log-likelihood, each weight
   * searched in units of the weight at which its component alone would explain all the incidents, between 0 and twice
   * that.
   *
   * @param parts per period, per cell, the components
   * @param counts per period, per cell, the incidents that followed
   */
  static IntensityWeights fit(List<String> names, List<double[][]> parts, List<int[]> counts) {
    int k = names.size();
    double[] exposure = new double[k];
    double incidents = 0;
    for (int p = 0; p < parts.size(); p++) {
      double[][] period = parts.get(p);
      for (int c = 0; c < period.length; c++) {
        for (int j = 0; j < k; j++) {
          exposure[j] += period[c][j];
        }
        incidents += counts.get(p)[c];
      }
    }
    if (incidents == 0) {
      throw new IllegalArgumentException("no incident to fit the intensity's weights to");
    }
    double[] unit = new double[k];
    for (int j = 0; j < k; j++) {
      // a component that is zero everywhere has no say; its weight stays 0
      unit[j] = exposure[j] > 0 ? incidents / exposure[j] : 0;
    }
    if (k == 1) {
      // one component: the likelihood's maximum is where it explains every incident
      return new IntensityWeights(List.copyOf(names), unit, logLikelihood(unit, parts, counts), 1);
    }
    double[] start = new double[k];
    Arrays.fill(start, 1.0 / k);
    double[] lower = new double[k];
    double[] upper = new double[k];
    Arrays.fill(upper, 2);
    BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * k + 1, 0.1, 1e-7);
    PointValuePair best =
        optimizer.optimize(
                new MaxEval(MAX_EVALUATIONS), GoalType.MAXIMIZE, new InitialGuess(start),
                new SimpleBounds(lower, upper),
                new ObjectiveFunction(theta -> logLikelihood(weights(theta, unit), parts, counts)));
    double[] w = weights(best.getPoint(), unit);
    return new IntensityWeights(List.copyOf(names), w, best.getValue(), optimizer.getEvaluations());
  }

  private static double[] weights(double[] theta, double[] unit) {
    double[] w = new double[theta.length];
    for (int j = 0; j < w.length; j++) {
      w[j] = theta[j] * unit[j];
    }
    return w;
  }

  private static double logLikelihood(double[] w, List<double[][]> parts, List<int[]> counts) {
    double sum = 0;
    for (int p = 0; p < parts.size(); p++) {
      double[][] period = parts.get(p);
      int[] y = counts.get(p);
      for (int c = 0; c < period.length; c++) {
        double mu = 0;
        for (int j = 0; j < w.length; j++) {
          mu += w[j] * period[c][j];
        }
        sum -= mu;
        if (y[c] > 0) {
          // a cell with incidents and no expectation is all but impossible: a steep, finite penalty keeps the
          // optimiser's quadratic model usable
          sum += y[c] * Math.log(Math.max(mu, MIN_EXPECTED));
        }
      }
    }
    return sum;
  }
}
