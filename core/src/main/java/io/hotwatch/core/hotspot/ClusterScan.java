package io.hotwatch.core.hotspot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the clusters of one window: cells whose own count is significant (a Poisson tail pre-screen) seed clusters,
 * strongest first; each grows greedily over adjacent cells with counts while Kulldorff's LLR rises. A cell belongs to at
 * most one cluster per window. Only the {@value #SEEDS_PER_WINDOW} strongest seeds of a window are grown: in the long
 * windows a drifting city can make hundreds of cells significant on their own, and the alerts only ever come from the
 * strongest. The live engine and the calibration run exactly this code.
 */
final class ClusterScan {

  static final int SEEDS_PER_WINDOW = 25;

  /** A cell next to a growing cluster, with its count and expectation looked up once. */
  private record Frontier(String cell, int observed, double expected) {}

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
    double scale = total / totalExpected;
    view.forEachCell(
        settings.prescreenMinCount(),
        (cell, observed, expected) -> {
          double share = expected * scale;
          if (observed > share && passesPrescreen(observed, share)) {
            seeds.add(new Seed(cell, observed, expected, ScanStatistic.llr(observed, expected, total, totalExpected)));
          }
        });
    if (seeds.isEmpty()) {
      return List.of();
    }
    seeds.sort(STRONGEST_FIRST);
    Set<String> used = new HashSet<>();
    List<ScanCluster> clusters = new ArrayList<>();
    for (Seed seed : seeds.subList(0, Math.min(SEEDS_PER_WINDOW, seeds.size()))) {
      if (!used.contains(seed.cell())) {
        ScanCluster cluster = grow(window, windowMillis, seed, view, used);
        used.addAll(cluster.cells());
        clusters.add(cluster);
      }
    }
    return clusters;
  }

  /**
   * P(X >= o) <= alpha for X ~ Poisson(share). The exact tail (an incomplete gamma function) is costly and runs for
   * every busy cell of every window at every step, so two bounds decide most cells first. With I = o ln(o / share) -
   * o + share: Chernoff, P(X >= o) <= exp(-I); and P(X >= o) >= P(X = o) >= exp(-I) / (sqrt(2 pi o) e^(1/(12 o)))
   * (Stirling's upper bound on o!).
   */
  private boolean passesPrescreen(int observed, double share) {
    double rate = observed * Math.log(observed / share) - observed + share;
    if (-rate <= logPrescreen) {
      return true;
    }
    double logLowerBound = -rate - 0.5 * Math.log(2 * Math.PI * observed) - 1.0 / (12.0 * observed);
    if (logLowerBound > logPrescreen) {
      return false;
    }
    return ScanStatistic.poissonUpperTail(observed, share) <= settings.prescreenPValue();
  }

  /** Adds the cell's neighbours with counts that no cluster holds yet; an empty cell could only lower the ratio. */
  private void extendFrontier(String cell, WindowView view, Set<String> used, Set<String> seen, List<Frontier> frontier) {
    for (String next : neighbours.of(cell)) {
      if (!used.contains(next) && seen.add(next)) {
        int o = view.observed(next);
        if (o > 0) {
          frontier.add(new Frontier(next, o, view.expected(next)));
        }
      }
    }
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
        ScanStatistic.relativeRisk(observed, expected, total, totalExpected), cityLevel(total, totalExpected));
  }

  /** The city's observed total over its expected total in the window: 1 when the view has no expectation. */
  private static double cityLevel(long total, double totalExpected) {
    return totalExpected > 0 ? total / totalExpected : 1;
  }

  private ScanCluster grow(int window, long windowMillis, Seed seed, WindowView view, Set<String> used) {
    long total = view.total();
    double totalExpected = view.totalExpected();
    List<String> cells = new ArrayList<>(List.of(seed.cell()));
    Set<String> seen = new HashSet<>(cells);
    List<Frontier> frontier = new ArrayList<>();
    extendFrontier(seed.cell(), view, used, seen, frontier);
    long observed = seed.observed();
    double expected = seed.expected();
    double llr = seed.llr();
    while (cells.size() < settings.maxClusterCells() && !frontier.isEmpty()) {
      int best = -1;
      double bestLlr = llr;
      for (int i = 0; i < frontier.size(); i++) {
        Frontier next = frontier.get(i);
        double candidate = ScanStatistic.llr(observed + next.observed(), expected + next.expected(), total,
            totalExpected);
        if (candidate > bestLlr
            || (candidate == bestLlr && best >= 0 && next.cell().compareTo(frontier.get(best).cell()) < 0)) {
          best = i;
          bestLlr = candidate;
        }
      }
      if (best < 0) {
        break;
      }
      Frontier joined = frontier.remove(best);
      cells.add(joined.cell());
      observed += joined.observed();
      expected += joined.expected();
      llr = bestLlr;
      extendFrontier(joined.cell(), view, used, seen, frontier);
    }
    cells.sort(null);
    return new ScanCluster(
        window, windowMillis, List.copyOf(cells), observed, expected, llr,
        ScanStatistic.relativeRisk(observed, expected, total, totalExpected), cityLevel(total, totalExpected));
  }
}
