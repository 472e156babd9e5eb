package io.hotwatch.core.hotspot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the clusters of one window: cells whose own count is significant (a Poisson tail pre-screen) seed clusters,
 * strongest first; each grows greedily over adjacent cells with counts while Kulldorff's LLR rises. A cell belongs to at
 * most one cluster per window. The live engine and the calibration run exactly this code.
 */
final class ClusterScan {

  private record Seed(String cell, int observed, double expected, double llr) {}

  private static final Comparator<Seed> STRONGEST_FIRST =
      Comparator.comparingDouble(Seed::llr).reversed().thenComparing(Seed::cell);

  private final EngineSettings settings;
  private final Neighbours neighbours;
  private final double logPrescreen;

  ClusterScan(EngineSettings settings, Neighbours neighbours) {
    this.settings = settings;
    this.neighbours = neighbours;
    this.logPrescreen = Math.log(settings.prescreenPValue());
  }

  List<ScanCluster> scan(int window, long windowMillis, WindowView view) {
    long total = view.total();
    double totalExpected = view.totalExpected();
    if (total <= 0 || !(totalExpected > 0)) {
      return List.of();
    }
    List<Seed> seeds = new ArrayList<>();
    for (String cell : view.cellsWithCounts()) {
      int observed = view.observed(cell);
      if (observed < settings.prescreenMinCount()) {
        continue;
      }
      double expected = view.expected(cell);
      double share = expected * total / totalExpected;
      if (observed > share && passesPrescreen(observed, share)) {
        seeds.add(new Seed(cell, observed, expected, ScanStatistic.llr(observed, expected, total, totalExpected)));
      }
    }
    if (seeds.isEmpty()) {
      return List.of();
    }
    seeds.sort(STRONGEST_FIRST);
    Set<String> used = new HashSet<>();
    List<ScanCluster> clusters = new ArrayList<>();
    for (Seed seed : seeds) {
      if (!used.contains(seed.cell())) {
        ScanCluster cluster = grow(window, windowMillis, seed, view, used);
        used.addAll(cluster.cells());
        clusters.add(cluster);
      }
    }
    return clusters;
  }

  /**
   * P(X >= o) <= alpha for X ~ Poisson(share). The exact tail (an incomplete gamma function) is costly and most busy
   * cells in a long window are far from significant, so a lower bound decides those first: P(X >= o) >= P(X = o) >=
   * exp(-I) / (sqrt(2 pi o) e^(1/(12 o))) with I = o ln(o / share) - o + share (Stirling's upper bound on o!).
   */
  private boolean passesPrescreen(int observed, double share) {
    double rate = observed * Math.log(observed / share) - observed + share;
    double logLowerBound = -rate - 0.5 * Math.log(2 * Math.PI * observed) - 1.0 / (12.0 * observed);
    if (logLowerBound > logPrescreen) {
      return false;
    }
    return ScanStatistic.poissonUpperTail(observed, share) <= settings.prescreenPValue();
  }

  /** Scores a fixed set of cells in the window (an open hotspot's, to decide whether it stays open). */
  static ScanCluster score(int window, long windowMillis, List<String> cells, WindowView view) {
    long observed = 0;
    double expected = 0;
    for (String cell : cells) {
      observed += view.observed(cell);
      expected += view.expected(cell);
    }
    long total = view.total();
    double totalExpected = view.totalExpected();
    return new ScanCluster(
        window, windowMillis, cells.stream().sorted().toList(), observed, expected,
        ScanStatistic.llr(observed, expected, total, totalExpected),
        ScanStatistic.relativeRisk(observed, expected, total, totalExpected));
  }

  private ScanCluster grow(int window, long windowMillis, Seed seed, WindowView view, Set<String> used) {
    long total = view.total();
    double totalExpected = view.totalExpected();
    List<String> cells = new ArrayList<>(List.of(seed.cell()));
    Set<String> members = new HashSet<>(cells);
    long observed = seed.observed();
    double expected = seed.expected();
    double llr = seed.llr();
    while (cells.size() < settings.maxClusterCells()) {
      String best = null;
      int bestObserved = 0;
      double bestExpected = 0;
      double bestLlr = llr;
      for (String member : cells) {
        for (String next : neighbours.of(member)) {
          if (members.contains(next) || used.contains(next)) {
            continue;
          }
          int o = view.observed(next);
          if (o == 0) {
            continue; // an empty cell can only lower the ratio
          }
          double e = view.expected(next);
          double candidate = ScanStatistic.llr(observed + o, expected + e, total, totalExpected);
          if (candidate > bestLlr || (candidate == bestLlr && best != null && next.compareTo(best) < 0)) {
            best = next;
            bestObserved = o;
            bestExpected = e;
            bestLlr = candidate;
          }
        }
      }
      if (best == null) {
        break;
      }
      cells.add(best);
      members.add(best);
      observed += bestObserved;
      expected += bestExpected;
      llr = bestLlr;
    }
    cells.sort(null);
    return new ScanCluster(
        window, windowMillis, List.copyOf(cells), observed, expected, llr,
        ScanStatistic.relativeRisk(observed, expected, total, totalExpected));
  }
}
