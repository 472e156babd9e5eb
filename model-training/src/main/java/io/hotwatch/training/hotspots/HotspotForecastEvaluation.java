package io.hotwatch.training.hotspots;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.OnlineBaseline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Next-day and next-week hotspot forecasts after a cut-off, ranked three ways: (a) the previous period's counts, (b) a
 * kernel density of past incidents, (c) Hotwatch's expected count: the smoothed baseline combined with recent activity
 * at several time scales ({@link IntensityComponents}). (b)'s bandwidth and lookback and (c)'s weights are chosen on
 * the 52 weeks before the cut-off, with a baseline fitted on what precedes them: nothing after the cut-off informs a
 * choice.
 */
public final class HotspotForecastEvaluation {

  /** Area shares reported as PAI, PEI and hit rate. */
  public static final double[] REPORTED_SHARES = {0.01, 0.05, 0.10};
  /** Area shares of the hit-rate curve. */
  public static final double[] CURVE_SHARES = curveShares();

  static final String PREVIOUS = "previousPeriod";
  static final String KERNEL = "kernelDensity";
  static final String HOTWATCH = "hotwatch";

  private static final int[] BANDWIDTH_METRES = {150, 300, 600};
  private static final int[] LOOKBACK_DAYS = {14, 56, 182, 364};
  /** Time scales of recent activity: the last day or two (near repeats), the last week, the last month. */
  static final List<Duration> RECENT_HALF_LIVES = List.of(Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(28));
  private static final int TUNING_WEEKS = 52;
  /**
   * The online baseline's settings, chosen on the 52 weeks before the cut-off as the best of half-lives 7-364 days and
   * prior strengths 3-30 by next-day PAI at 1% (docs/HOTSPOT_FORECASTS.md); fixed here so its weight can be fitted.
   */
  static final Duration ONLINE_HALF_LIFE = Duration.ofDays(14);
  static final double ONLINE_PRIOR_STRENGTH = 30;
  /** An online baseline starts this many half-lives before it is first asked, so it is warm. */
  private static final int WARM_UP_HALF_LIVES = 4;
  /** Periods per bootstrap block: a week of days, four weeks. */
  private static final Map<Horizon, Integer> BLOCK_LENGTH = Map.of(Horizon.NEXT_DAY, 7, Horizon.NEXT_WEEK, 4);
  private static final int BOOTSTRAP_REPLICATES = 10_000;

  /**
   * The settings of (b) and (c); chosen by {@link #tune} or given.
   *
   * @param weights (c)'s weights per horizon
   */
  public record Settings(double bandwidthMetres, Duration lookback, Map<Horizon, IntensityWeights> weights) {
    /** Without tuning: (b) at 300 m over 56 days, (c) the smoothed baseline alone. */
    static Settings defaults() {
      List<String> names = IntensityComponents.names(RECENT_HALF_LIVES);
      double[] baselineAlone = new double[names.size()];
      baselineAlone[0] = 1;
      IntensityWeights weights = new IntensityWeights(names, baselineAlone, Double.NaN, 0);
      return new Settings(300, Duration.ofDays(56), Map.of(Horizon.NEXT_DAY, weights, Horizon.NEXT_WEEK, weights));
    }
  }

  /**
   * What was measured: the report (JSON-ready maps) and the hit-rate curves per horizon and method.
   *
   * @param curves per horizon key, per method, the hit rate at each of {@link #CURVE_SHARES}
   */
  public record Result(Map<String, Object> report, Map<String, Map<String, double[]>> curves) {}

  private final List<Incident> incidents;
  private final Instant dataFrom;
  private final Instant cutOff;
  private final Instant evaluateTo;
  private final int resolution;

  /**
   * @param incidents every incident, before and after the cut-off
   * @param dataFrom start of the training range (the baseline's {@code from})
   * @param cutOff end of training, start of the forecasts
   * @param evaluateTo end of the forecasts
   */
  public HotspotForecastEvaluation(
      List<Incident> incidents, Instant dataFrom, Instant cutOff, Instant evaluateTo, int resolution) {
    this.incidents = incidents;
    this.dataFrom = dataFrom;
    this.cutOff = cutOff;
    this.evaluateTo = evaluateTo;
    this.resolution = resolution;
  }

  /** Tunes on the 52 weeks before the cut-off, then forecasts after it. */
  public Result run() {
    Map<String, Object> tuning = new LinkedHashMap<>();
    Settings settings = tune(tuning);
    Result result = evaluate(settings);
    result.report().put("tuning", tuning);
    return result;
  }

  /** Forecasts every period after the cut-off with the given settings. */
  public Result evaluate(Settings settings) {
    List<Incident> training = incidents.stream().filter(i -> i.occurredAt().isBefore(cutOff)).toList();
    BaselineRates baseline = BaselineRates.fit(training.stream(), resolution, dataFrom, cutOff);
    ForecastArea area = new ForecastArea(incidents, cutOff, resolution);
    IncidentTimeline timeline = new IncidentTimeline(incidents, area);
    int[] reported = cellCounts(area, REPORTED_SHARES);
    int[] curve = cellCounts(area, CURVE_SHARES);
    int[] all = new int[reported.length + curve.length];
    System.arraycopy(reported, 0, all, 0, reported.length);
    System.arraycopy(curve, 0, all, reported.length, curve.length);

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("resolution", resolution);
    report.put("trainFrom", dataFrom.toString());
    report.put("trainUntil", cutOff.toString());
    report.put("evaluateUntil", evaluateTo.toString());
    report.put("areaCells", area.size());
    report.put("areaDefinition", "H3 cells with at least one incident before the cut-off");
    report.put("trainingIncidents", training.size());
    long evaluated = incidents.size() - training.size();
    long outside = 0;
    for (int i = timeline.firstAtOrAfter(cutOff); i < timeline.size(); i++) {
      outside += timeline.areaCell[i] < 0 ? 1 : 0;
    }
    report.put("evaluationIncidents", evaluated);
    report.put("evaluationIncidentsOutsideArea", outside);
    report.put("methods", methodDescriptions(settings, baseline));

    Map<String, Map<String, double[]>> curves = new LinkedHashMap<>();
    for (Horizon horizon : Horizon.values()) {
      Map<String, CellForecaster> methods = new LinkedHashMap<>();
      methods.put(PREVIOUS, new PreviousPeriodForecaster(timeline, area.size()));
      methods.put(KERNEL, new KernelDensityForecaster(timeline, area, settings.bandwidthMetres(), settings.lookback()));
      IntensityComponents components = components(timeline, area, baseline, cutOff);
      methods.put(HOTWATCH, new HotwatchForecaster(components, settings.weights().get(horizon)));
      Map<String, ForecastTally> tallies =
          ForecastRun.run(timeline, area, cutOff, evaluateTo, horizon, methods, all, HOTWATCH);
      Map<String, Object> horizonReport = new LinkedHashMap<>();
      Map<String, double[]> horizonCurves = new LinkedHashMap<>();
      ForecastTally any = tallies.get(PREVIOUS);
      horizonReport.put("periods", any.periods());
      horizonReport.put("incidentsInArea", Math.round(any.incidents()));
      for (Map.Entry<String, ForecastTally> tally : tallies.entrySet()) {
        Map<String, Object> byShare = new LinkedHashMap<>();
        for (int s = 0; s < REPORTED_SHARES.length; s++) {
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("cells", reported[s]);
          figures.put("areaShare", (double) reported[s] / area.size());
          figures.put("hitRate", tally.getValue().hitRate(s));
          figures.put("pai", tally.getValue().pai(s, area.size()));
          figures.put("pei", tally.getValue().pei(s));
          byShare.put(shareKey(REPORTED_SHARES[s]), figures);
        }
        horizonReport.put(tally.getKey(), byShare);
        double[] hitRates = new double[curve.length];
        for (int s = 0; s < curve.length; s++) {
          hitRates[s] = tally.getValue().hitRate(reported.length + s);
        }
        horizonCurves.put(tally.getKey(), hitRates);
      }
      horizonReport.put("hotwatchMeanPoissonDeviancePerCellPeriod", tallies.get(HOTWATCH).meanDeviance());
      Map<String, Object> paired = new LinkedHashMap<>();
      for (String other : List.of(KERNEL, PREVIOUS)) {
        Map<String, Object> byShare = new LinkedHashMap<>();
        for (int s = 0; s < REPORTED_SHARES.length; s++) {
          byShare.put(
              shareKey(REPORTED_SHARES[s]),
              PairedComparison.of(
                  tallies.get(HOTWATCH).periodHits(s), tallies.get(other).periodHits(s), any.periodIncidents(),
                  (double) reported[s] / area.size(), BLOCK_LENGTH.get(horizon), BOOTSTRAP_REPLICATES));
        }
        paired.put(other, byShare);
      }
      horizonReport.put("hotwatchPeriodByPeriod", paired);
      horizonReport.put("hindsight", hindsight(timeline, area, horizon, reported));
      report.put(horizon.key, horizonReport);
      curves.put(horizon.key, horizonCurves);
    }
    BaselineDeviance deviance =
        BaselineDeviance.measure(
            timeline, area, baseline, BaselineRates.count(training.stream(), resolution, dataFrom, cutOff), cutOff,
            evaluateTo);
    report.put("baselineDeviance", deviance);
    return new Result(report, curves);
  }

  /**
   * PAI of two rankings that know the evaluation's counts ({@link HindsightRanking}): the ceiling that separates the
   * methods' figures from what no forecast could reach.
   */
  private Map<String, Object> hindsight(IncidentTimeline timeline, ForecastArea area, Horizon horizon, int[] cells) {
    Map<String, CellForecaster> rankings = new LinkedHashMap<>();
    rankings.put("evaluationCounts", HindsightRanking.wholeEvaluation(timeline, area.size(), cutOff, evaluateTo));
    rankings.put("fourWeeksAroundCounts", HindsightRanking.around(timeline, area.size(), Duration.ofDays(28)));
    Map<String, ForecastTally> tallies =
        ForecastRun.run(timeline, area, cutOff, evaluateTo, horizon, rankings, cells, null);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("note", "not forecasts: these rankings know counts from the periods they rank");
    for (Map.Entry<String, ForecastTally> tally : tallies.entrySet()) {
      Map<String, Object> byShare = new LinkedHashMap<>();
      for (int s = 0; s < REPORTED_SHARES.length; s++) {
        byShare.put(shareKey(REPORTED_SHARES[s]), tally.getValue().pai(s, area.size()));
      }
      report.put(tally.getKey(), byShare);
    }
    return report;
  }

  /**
   * Chooses (b)'s bandwidth and lookback by PAI at 1% on next-day forecasts of the 52 weeks before the cut-off, and
   * fits (c)'s weights per horizon by Poisson likelihood on the same weeks.
   */
  Settings tune(Map<String, Object> tuning) {
    Instant tuneFrom = cutOff.atZone(BaselineRates.ZONE).minusWeeks(TUNING_WEEKS).toInstant();
    Settings chosen = Settings.defaults();
    if (!tuneFrom.isAfter(dataFrom.plus(Duration.ofDays(28)))) {
      tuning.put("note", "less than 56 weeks before the cut-off: default settings, not tuned");
      return chosen;
    }
    List<Incident> training = incidents.stream().filter(i -> i.occurredAt().isBefore(cutOff)).toList();
    BaselineRates baseline = BaselineRates.fit(training.stream(), resolution, dataFrom, tuneFrom);
    ForecastArea area = new ForecastArea(training, tuneFrom, resolution);
    IncidentTimeline timeline = new IncidentTimeline(training, area);
    int[] onePercent = {area.cellsFor(0.01)};
    tuning.put("forecastsFrom", tuneFrom.toString());
    tuning.put("forecastsUntil", cutOff.toString());
    tuning.put("criterion", "kernel density: next-day PAI at 1% of the area; hotwatch: Poisson likelihood per horizon");

    Map<Horizon, IntensityWeights> weights = new EnumMap<>(Horizon.class);
    Map<String, Object> hotwatch = new LinkedHashMap<>();
    for (Horizon horizon : Horizon.values()) {
      IntensityWeights fitted = fitWeights(timeline, area, baseline, tuneFrom, horizon);
      weights.put(horizon, fitted);
      Map<String, Object> fit = new LinkedHashMap<>();
      for (int j = 0; j < fitted.names().size(); j++) {
        fit.put(fitted.names().get(j), fitted.weights()[j]);
      }
      fit.put("logLikelihood", fitted.logLikelihood());
      fit.put("likelihoodEvaluations", fitted.evaluations());
      fit.put(
          "pai",
          pai(timeline, area, tuneFrom, onePercent, horizon,
              t -> new HotwatchForecaster(components(timeline, area, baseline, tuneFrom), fitted)));
      hotwatch.put(horizon.key, fit);
    }
    chosen = new Settings(chosen.bandwidthMetres(), chosen.lookback(), weights);
    List<Map<String, Object>> kernel = new ArrayList<>();
    double best = -1;
    Settings withHotwatch = chosen;
    for (int metres : BANDWIDTH_METRES) {
      for (int days : LOOKBACK_DAYS) {
        double pai =
            pai(timeline, area, tuneFrom, onePercent, Horizon.NEXT_DAY,
                t -> new KernelDensityForecaster(timeline, area, metres, Duration.ofDays(days)));
        kernel.add(Map.of("bandwidthMetres", metres, "lookbackDays", days, "pai", pai));
        if (pai > best) {
          best = pai;
          chosen = new Settings(metres, Duration.ofDays(days), withHotwatch.weights());
        }
      }
    }
    tuning.put(HOTWATCH, hotwatch);
    tuning.put(KERNEL, kernel);
    return chosen;
  }

  private double pai(
      IncidentTimeline timeline, ForecastArea area, Instant from, int[] cells, Horizon horizon,
      Function<IncidentTimeline, CellForecaster> method) {
    Map<String, ForecastTally> tallies =
        ForecastRun.run(timeline, area, from, cutOff, horizon, Map.of("m", method.apply(timeline)), cells, null);
    return tallies.get("m").pai(0, area.size());
  }

  /**
   * (c)'s weights for a horizon: the Poisson maximum-likelihood fit over the periods of [from, cut-off), each cell's
   * components taken from the incidents before the period.
   */
  private IntensityWeights fitWeights(
      IncidentTimeline timeline, ForecastArea area, BaselineRates baseline, Instant from, Horizon horizon) {
    IntensityComponents components = components(timeline, area, baseline, from);
    List<double[][]> parts = new ArrayList<>();
    List<int[]> counts = new ArrayList<>();
    int fed = 0;
    for (Period period : ForecastRun.periods(from, cutOff, horizon)) {
      for (; fed < timeline.size() && timeline.atMillis[fed] < period.start().toEpochMilli(); fed++) {
        components.observe(fed);
      }
      parts.add(components.at(period));
      counts.add(timeline.counts(period.start(), period.end(), area.size()));
    }
    return IntensityWeights.fit(components.names(), parts, counts);
  }

  /** (c)'s components, with an online baseline warmed up on the half-lives before {@code at}. */
  private static IntensityComponents components(
      IncidentTimeline timeline, ForecastArea area, BaselineRates baseline, Instant at) {
    Instant start = at.minus(ONLINE_HALF_LIFE.multipliedBy(WARM_UP_HALF_LIVES));
    if (start.isBefore(baseline.from())) {
      start = baseline.from();
    }
    OnlineBaseline online = new OnlineBaseline(baseline, start, ONLINE_HALF_LIFE, ONLINE_PRIOR_STRENGTH);
    return new IntensityComponents(timeline, area, baseline, online, RECENT_HALF_LIVES);
  }

  private static Map<String, Object> methodDescriptions(Settings settings, BaselineRates baseline) {
    Map<String, Object> methods = new LinkedHashMap<>();
    methods.put(PREVIOUS, Map.of("description", "incidents per cell in the period just before"));
    methods.put(
        KERNEL,
        Map.of(
            "description", "Gaussian kernel density of past incidents at each cell's centre, cut at 3 bandwidths",
            "bandwidthMetres", settings.bandwidthMetres(),
            "lookbackDays", settings.lookback().toDays()));
    Map<String, Object> hotwatch = new LinkedHashMap<>();
    hotwatch.put(
        "description",
        "weighted sum of the smoothed baseline's and the online baseline's expected counts for the period, the same"
            + " weeks of earlier years and decayed counts of recent incidents in the cell and its H3 ring, shaped by"
            + " the cell's hours of the week; non-negative weights fitted by Poisson maximum likelihood on the 52"
            + " weeks before the cut-off");
    hotwatch.put("recentHalfLivesDays", RECENT_HALF_LIVES.stream().map(d -> d.toHours() / 24.0).toList());
    hotwatch.put("onlineHalfLifeDays", ONLINE_HALF_LIFE.toDays());
    hotwatch.put("onlinePriorStrength", ONLINE_PRIOR_STRENGTH);
    hotwatch.put("onlineWarmUpHalfLives", WARM_UP_HALF_LIVES);
    hotwatch.put("earlierYearsWindowDays", IntensityComponents.SEASON_WINDOW.toDays());
    for (Map.Entry<Horizon, IntensityWeights> w : settings.weights().entrySet()) {
      Map<String, Object> byComponent = new LinkedHashMap<>();
      for (int j = 0; j < w.getValue().names().size(); j++) {
        byComponent.put(w.getValue().names().get(j), w.getValue().weights()[j]);
      }
      hotwatch.put(w.getKey().key + "Weights", byComponent);
    }
    hotwatch.put("neighbourRings", baseline.smoothing().rings());
    hotwatch.put("levelShape", baseline.smoothing().levelShape());
    hotwatch.put("shapeConcentration", baseline.smoothing().shapeConcentration());
    methods.put(HOTWATCH, hotwatch);
    return methods;
  }

  private static int[] cellCounts(ForecastArea area, double[] shares) {
    int[] cells = new int[shares.length];
    for (int s = 0; s < shares.length; s++) {
      cells[s] = area.cellsFor(shares[s]);
    }
    return cells;
  }

  /** "1%", "5%", "10%". */
  static String shareKey(double share) {
    double percent = share * 100;
    return (percent == Math.rint(percent) ? String.valueOf((int) percent) : String.valueOf(percent)) + "%";
  }

  private static double[] curveShares() {
    double[] shares = new double[40];
    for (int i = 0; i < shares.length; i++) {
      shares[i] = (i + 1) * 0.005;
    }
    return shares;
  }
}
