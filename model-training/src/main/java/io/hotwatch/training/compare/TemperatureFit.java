package io.hotwatch.training.compare;

import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

/**
 * The one softmax temperature that turns a classifier's decision values into probabilities of least log loss on
 * held-out rows (Platt-style scaling with a single parameter shared by all categories).
 */
final class TemperatureFit {

  private TemperatureFit() {}

  /** Searches log10(temperature) in [-3, 3] with Brent's method. */
  static double fit(double[][] decisionValues, int[] labels) {
    BrentOptimizer optimizer = new BrentOptimizer(1e-6, 1e-9);
    double best =
        optimizer
            .optimize(
                new MaxEval(200),
                GoalType.MINIMIZE,
                new SearchInterval(-3, 3),
                new UnivariateObjectiveFunction(logT -> logLoss(decisionValues, labels, Math.pow(10, logT))))
            .getPoint();
    return Math.pow(10, best);
  }

  static double logLoss(double[][] decisionValues, int[] labels, double temperature) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double p = Softmax.of(decisionValues[i], temperature)[labels[i]];
      sum -= Math.log(Math.max(p, 1e-7));
    }
    return sum / labels.length;
  }
}
