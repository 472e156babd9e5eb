package io.hotwatch.training.hotspots;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.model.OnlineBaseline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Next-day and next-week hotspot forecasts after a cut-off, ranked three ways: (a) the previous period's counts, (b) a
 * kernel density of past incidents, (c) Hotwatch's online-updated smoothed baseline. The free settings of (b) and (c)
 * are chosen on the 52 weeks before the cut-off, with a baseline fitted on what precedes them: nothing after the
 * cut-off informs a choice.
 */
public final class HotspotForecastEvaluation {

  /** Area shares reported as PAI, PEI and hit rate. */
  public static final double[] REPORTED_SHARES = {0.01, 0.05, 0.10};
  /** Area shares of the hit-rate curve. */
  public static final double[] CURVE_SHARES = curveShares();

  static final String PREVIOUS = "previousPeriod";
  static final String KERNEL = "kernelDensity";
  static final String HOTWATCH = "hotwatch";

  private static final int[] HALF_LIFE_DAYS = {7, 14, 28, 56, 112, 364};
  private static final double[] PRIOR_STRENGTHS = {3, 10, 30};
  private static final int[] BANDWIDTH_METRES = {150, 300, 600};
  private static final int[] LOOKBACK_DAYS = {14, 56, 182, 364};
  private static final int TUNING_WEEKS = 52;
  /** An online baseline starts this many half-lives before it is first asked, so it is warm. */
  private static final int WARM_UP_HALF_LIVES = 4;

  /** The settings of (b) and (c); chosen by {@link #tune} or given. */
  public record Settings(Duration halfLife, double priorStrength, double bandwidthMetres, Duration lookback) {
    static Settings defaults() {
      return new Settings(
          OnlineBaseline.DEFAULT_HALF_LIFE, OnlineBaseline.DEFAULT_PRIOR_STRENGTH, 300, Duration.ofDays(56));
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
      methods.put(HOTWATCH, new HotwatchForecaster(timeline, area, online(baseline, cutOff, settings)));
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

  /** Chooses (b)'s and (c)'s settings by PAI at 1% on next-day forecasts of the 52 weeks before the cut-off. */
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
    tuning.put("criterion", "next-day PAI at 1% of the area");

    List<Map<String, Object>> hotwatch = new ArrayList<>();
    double best = -1;
    for (int days : HALF_LIFE_DAYS) {
      for (double strength : PRIOR_STRENGTHS) {
        Settings s = new Settings(Duration.ofDays(days), strength, chosen.bandwidthMetres(), chosen.lookback());
        double pai =
            pai(timeline, area, tuneFrom, onePercent,
                t -> new HotwatchForecaster(timeline, area, online(baseline, tuneFrom, s)));
        hotwatch.add(Map.of("halfLifeDays", days, "priorStrength", strength, "pai", pai));
        if (pai > best) {
          best = pai;
          chosen = s;
        }
      }
    }
    List<Map<String, Object>> kernel = new ArrayList<>();
    best = -1;
    Settings withHotwatch = chosen;
    for (int metres : BANDWIDTH_METRES) {
      for (int days : LOOKBACK_DAYS) {
        double pai =
            pai(timeline, area, tuneFrom, onePercent,
                t -> new KernelDensityForecaster(timeline, area, metres, Duration.ofDays(days)));
        kernel.add(Map.of("bandwidthMetres", metres, "lookbackDays", days, "pai", pai));
        if (pai > best) {
          best = pai;
          chosen =
              new Settings(withHotwatch.halfLife(), withHotwatch.priorStrength(), metres, Duration.ofDays(days));
        }
      }
    }
    tuning.put(HOTWATCH, hotwatch);
    tuning.put(KERNEL, kernel);
    return chosen;
  }

  private double pai(
      IncidentTimeline timeline, ForecastArea area, Instant from, int[] cells,
      Function<IncidentTimeline, CellForecaster> method) {
    Map<String, ForecastTally> tallies =
        ForecastRun.run(
            timeline, area, from, cutOff, Horizon.NEXT_DAY, Map.of("m", method.apply(timeline)), cells, null);
    return tallies.get("m").pai(0, area.size());
  }

  /** An online baseline warmed up on the half-lives before {@code at} (not before the baseline's range). */
  private static OnlineBaseline online(BaselineRates baseline, Instant at, Settings settings) {
    Instant start = at.minus(settings.halfLife().multipliedBy(WARM_UP_HALF_LIVES));
    if (start.isBefore(baseline.from())) {
      start = baseline.from();
    }
    return new OnlineBaseline(baseline, start, settings.halfLife(), settings.priorStrength());
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
    hotwatch.put("description", "smoothed baseline's expected count for the period, scaled by the online update");
    hotwatch.put("halfLifeDays", settings.halfLife().toDays());
    hotwatch.put("priorStrength", settings.priorStrength());
    hotwatch.put("warmUpHalfLives", WARM_UP_HALF_LIVES);
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
