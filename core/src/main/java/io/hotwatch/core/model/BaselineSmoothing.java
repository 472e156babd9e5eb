package io.hotwatch.core.model;

import io.hotwatch.core.geo.CellIndex;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.special.Gamma;

/**
 * Empirical-Bayes smoothing of hour-of-week counts per H3 cell: a cell's weekly level and its hour-of-week shape are
 * each shrunk towards a prior, with the amount of shrinkage fitted from the data by marginal likelihood.
 *
 * <p>Level: a cell's total N(c) over W weeks is Poisson(W L(c)) with L(c) ~ Gamma(shape a, mean m(c)), where m(c) is
 * the mean raw level N/W of the cells within {@code rings} H3 steps of c (c included). The posterior mean is
 * L(c) = (N(c) + a) / (W + a / m(c)); a is fitted by maximising the negative-binomial marginal likelihood of the seen
 * cells' totals, truncated at zero.
 *
 * <p>Shape: the share of a cell's weekly incidents at hour h is pi(c, h) = (n(c, h) + alpha pi0(h)) / (N(c) + alpha),
 * pi0 the city's hour-of-week shape; alpha is fitted by maximising the Dirichlet-multinomial marginal likelihood of the
 * seen cells' counts.
 *
 * @param rings the neighbourhood radius in H3 steps
 * @param levelShape the gamma shape a of the level prior (small: cells differ a lot from their neighbourhood)
 * @param shapeConcentration alpha, the city shape's weight in incidents
 */
public record BaselineSmoothing(int rings, double levelShape, double shapeConcentration) implements Serializable {

  public static final int DEFAULT_RINGS = 1;

  private static final double[] LEVEL_SHAPE_RANGE = {1e-3, 1e4};
  private static final double[] CONCENTRATION_RANGE = {1e-2, 1e6};

  public BaselineSmoothing {
    if (rings < 0 || rings > 10) {
      throw new IllegalArgumentException("neighbourhood rings " + rings + " is outside [0, 10]");
    }
    if (!(levelShape > 0) || !(shapeConcentration > 0)) {
      throw new IllegalArgumentException(
          "level shape " + levelShape + " and shape concentration " + shapeConcentration + " must be positive");
    }
  }

  /** Fits a and alpha to the counts of W weeks. */
  public static BaselineSmoothing estimate(Map<String, int[]> counts, double weeks, int rings) {
    if (counts.isEmpty()) {
      return new BaselineSmoothing(rings, 1, 1);
    }
    Map<String, Double> priorMeans = neighbourhoodMeans(counts, weeks, rings);
    Map<String, Integer> totals = totals(counts);
    // Only seen cells inform a, each given that it was seen (zero-truncated): a cell without incidents may lie outside
    // the data's jurisdiction (the lake, a suburb), and its zero says nothing about how cells differ.
    DoubleUnaryOperator levelLogLikelihood =
        a -> {
          double sum = 0;
          for (Map.Entry<String, Integer> cell : totals.entrySet()) {
            int n = cell.getValue();
            double mean = weeks * priorMeans.get(cell.getKey());
            double logNone = a * Math.log(a / (a + mean));
            sum += Gamma.logGamma(n + a) - Gamma.logGamma(a) + logNone + n * Math.log(mean / (a + mean))
                - Math.log1p(-Math.exp(logNone));
          }
          return sum;
        };
    double[] shape = cityShape(counts);
    DoubleUnaryOperator shapeLogLikelihood =
        alpha -> {
          double sum = 0;
          for (int[] n : counts.values()) {
            int total = 0;
            for (int h = 0; h < n.length; h++) {
              if (n[h] > 0) {
                sum += Gamma.logGamma(n[h] + alpha * shape[h]) - Gamma.logGamma(alpha * shape[h]);
                total += n[h];
              }
            }
            sum += Gamma.logGamma(alpha) - Gamma.logGamma(total + alpha);
          }
          return sum;
        };
    return new BaselineSmoothing(
        rings, maximiseOnLogScale(levelLogLikelihood, LEVEL_SHAPE_RANGE),
        maximiseOnLogScale(shapeLogLikelihood, CONCENTRATION_RANGE));
  }

  /**
   * Rates per hour for every cell within {@code rings} steps of a seen cell: 168 values, Monday 00:00 first.
   */
  Map<String, double[]> rates(Map<String, int[]> counts, double weeks) {
    Map<String, double[]> rates = new HashMap<>();
    if (counts.isEmpty()) {
      return rates;
    }
    double[] shape = cityShape(counts);
    Map<String, Integer> totals = totals(counts);
    for (Map.Entry<String, Double> cell : neighbourhoodMeans(counts, weeks, rings).entrySet()) {
      int[] n = counts.get(cell.getKey());
      int total = totals.getOrDefault(cell.getKey(), 0);
      double level = (total + levelShape) / (weeks + levelShape / cell.getValue());
      double[] rate = new double[BaselineRates.HOURS_PER_WEEK];
      for (int h = 0; h < rate.length; h++) {
        double share = ((n == null ? 0 : n[h]) + shapeConcentration * shape[h]) / (total + shapeConcentration);
        rate[h] = level * share;
      }
      rates.put(cell.getKey(), rate);
    }
    return rates;
  }

  /**
   * Rates per hour for a cell with no history within {@code rings} steps: one week at the city's mean cell against W
   * weeks of nothing, as nothing nearer is known.
   */
  static double[] remoteRates(Map<String, int[]> counts, double weeks) {
    double[] rate = new double[BaselineRates.HOURS_PER_WEEK];
    for (int[] n : counts.values()) {
      for (int h = 0; h < rate.length; h++) {
        rate[h] += n[h];
      }
    }
    for (int h = 0; h < rate.length && !counts.isEmpty(); h++) {
      rate[h] = rate[h] / weeks / counts.size() / (weeks + 1);
    }
    return rate;
  }

  /** The city's share of weekly incidents per hour of week (uniform when there are none). */
  static double[] cityShape(Map<String, int[]> counts) {
    double[] shape = new double[BaselineRates.HOURS_PER_WEEK];
    double total = 0;
    for (int[] n : counts.values()) {
      for (int h = 0; h < shape.length; h++) {
        shape[h] += n[h];
        total += n[h];
      }
    }
    for (int h = 0; h < shape.length; h++) {
      shape[h] = total > 0 ? shape[h] / total : 1.0 / shape.length;
    }
    return shape;
  }

  /** Prior mean level m(c) of every cell within {@code rings} steps of a seen cell; always positive. */
  private static Map<String, Double> neighbourhoodMeans(Map<String, int[]> counts, double weeks, int rings) {
    Map<String, Integer> totals = totals(counts);
    Set<String> domain = new HashSet<>();
    for (String cell : counts.keySet()) {
      domain.addAll(CellIndex.disk(cell, rings));
    }
    Map<String, Double> means = new HashMap<>();
    for (String cell : domain) {
      List<String> disk = CellIndex.disk(cell, rings);
      double sum = 0;
      for (String neighbour : disk) {
        sum += totals.getOrDefault(neighbour, 0);
      }
      // a seen cell with zero incidents cannot occur: totals only hold cells with at least one
      means.put(cell, Math.max(sum, 0.5) / weeks / disk.size());
    }
    return means;
  }

  private static Map<String, Integer> totals(Map<String, int[]> counts) {
    Map<String, Integer> totals = new HashMap<>();
    for (Map.Entry<String, int[]> cell : counts.entrySet()) {
      int total = 0;
      for (int n : cell.getValue()) {
        total += n;
      }
      totals.put(cell.getKey(), total);
    }
    return totals;
  }

  private static double maximiseOnLogScale(DoubleUnaryOperator logLikelihood, double[] range) {
    BrentOptimizer brent = new BrentOptimizer(1e-8, 1e-10);
    double logValue =
        brent
            .optimize(
                new MaxEval(500),
                GoalType.MAXIMIZE,
                new UnivariateObjectiveFunction(x -> logLikelihood.applyAsDouble(Math.exp(x))),
                new SearchInterval(Math.log(range[0]), Math.log(range[1])))
            .getPoint();
    return Math.exp(logValue);
  }
}
