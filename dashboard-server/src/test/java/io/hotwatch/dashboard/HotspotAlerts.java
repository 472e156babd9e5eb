package io.hotwatch.dashboard;

import com.uber.h3core.H3Core;
import com.uber.h3core.util.LatLng;
import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.event.Polygon;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.core.social.PostTextPool;
import io.hotwatch.core.social.SimulatedPosts;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.core.trend.TrendCalculator;
import io.hotwatch.core.trend.TrendWindow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.math3.geometry.euclidean.twod.Vector2D;
import org.apache.commons.math3.geometry.euclidean.twod.hull.MonotoneChain;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;

/**
 * Hotspot alerts shaped as the engine describes them, built from real parts: the incidents of the bundled July 2017
 * month that fall in real H3 cells during the window, the cells' outline from H3, the expected count from the bundled
 * baseline, Kulldorff's relative risk and log-likelihood ratio against the rest of the city, and a DBSCAN outline
 * of the incidents.
 *
 * <p>Two parts are stand-ins, because producing them needs what a dashboard test does not run: the p-value (the
 * engine calibrates it on simulated history; here {@code min(1, exp(-llr))}, with the recurrence interval derived
 * from it as the engine would) and the forecast (the model's output; here the category mix of the counted
 * incidents). The dashboard only checks their ranges and shows them.
 */
public final class HotspotAlerts {

  public static final CellIndex CELLS = new CellIndex(CellIndex.DEFAULT_RESOLUTION);
  public static final Duration WINDOW = Duration.ofHours(3);
  /** The engine's evaluation step, which the recurrence interval is measured in. */
  public static final Duration STEP = Duration.ofMinutes(5);

  /**
   * The Loop, Hyde Park, Garfield Park, Englewood. Windows with at least 3 incidents around them: the Loop on
   * 2017-07-14 from 16:00 to 05:00 UTC, Hyde Park ending 00:00 and 01:00, Garfield Park 02:00 to 04:00, Englewood
   * 00:00 to 05:00 (each hour; ends in UTC, July 15th after midnight).
   */
  public static final GeoPoint LOOP = new GeoPoint(41.8781, -87.6298);
  public static final GeoPoint HYDE_PARK = new GeoPoint(41.7943, -87.5907);
  public static final GeoPoint GARFIELD_PARK = new GeoPoint(41.8810, -87.7170);
  public static final GeoPoint ENGLEWOOD = new GeoPoint(41.7800, -87.6450);

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));
  private static final Path MONTH = HOME.resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
  private static final Path BASELINE = HOME.resolve("deploy/demo/model/baseline.json");
  private static final Path POST_POOL = HOME.resolve("deploy/demo/data/social-posts-pool.csv.gz");
  private static final double DBSCAN_EPS_METRES = 300;
  private static final int DBSCAN_MIN_POINTS = 3;
  private static final double METRES_PER_DEGREE = 111_320;

  private HotspotAlerts() {}

  /**
   * The rolling trend of a district and category ({@code CITY} and {@code ALL} as the pipeline means them) over the
   * 28 local days before {@code end} (a Chicago local midnight), computed by the pipeline's calculator from the
   * bundled month's incidents.
   */
  public static TrendEvent trend(String district, String category, Instant end) {
    TrendCalculator calculator = new TrendCalculator(28, 7, 0.05);
    TrendWindow window = calculator.window(end.getEpochSecond() / 3600);
    int[] counts = new int[window.hours()];
    for (Incident i : Data.INCIDENTS) {
      long hour = i.occurredAt().getEpochSecond() / 3600 - window.start();
      boolean inDistrict = district.equals(TrendEvent.CITY) || district.equals(i.district());
      boolean inCategory = category.equals(TrendEvent.ALL) || category.equals(i.category());
      if (inDistrict && inCategory && hour >= 0 && hour < counts.length) {
        counts[(int) hour]++;
      }
    }
    return calculator.calculate(district, category, window, counts, window.start());
  }

  /** The cell under a place and its six neighbours: one hexagonal patch. */
  public static List<String> around(GeoPoint place) {
    return CellIndex.disk(CELLS.cellOf(place.lat(), place.lon()), 1);
  }

  /** The cell under a place and one cell two steps away: two patches that do not touch. */
  public static List<String> twoPatches(GeoPoint place) {
    String centre = CELLS.cellOf(place.lat(), place.lon());
    Set<String> nearer = new HashSet<>(CellIndex.disk(centre, 1));
    String apart =
        CellIndex.disk(centre, 2).stream().filter(c -> !nearer.contains(c)).sorted().findFirst().orElseThrow();
    return List.of(centre, apart);
  }

  /** A hotspot opening at the end of a window over these cells; fails when the window holds fewer than 3 incidents. */
  public static HotspotAlert opened(List<String> cells, Instant windowEnd) {
    Evidence e = Evidence.of(cells, windowEnd);
    String id = UUID.nameUUIDFromBytes((cells + "@" + windowEnd).getBytes(StandardCharsets.UTF_8)).toString();
    return e.alert(HotspotAlert.OPENED, id, 0, "new", e.sentence("opened"));
  }

  /** The next revision of a hotspot, counted over the window ending then. */
  public static HotspotAlert updated(HotspotAlert previous, Instant windowEnd) {
    Evidence e = Evidence.of(previous.cells(), windowEnd);
    String label = e.observed() > previous.observed() ? "intensifying" : e.observed() < previous.observed()
        ? "diminishing" : "persistent";
    return e.alert(HotspotAlert.UPDATED, previous.hotspotId(), previous.revision() + 1, label, e.sentence(label));
  }

  /** The hotspot's closing at a later evaluation step, carrying its last state. */
  public static HotspotAlert closed(HotspotAlert last, Instant evaluatedAt) {
    return new HotspotAlert(
        last.kind(), HotspotAlert.CLOSED, last.hotspotId(), last.revision() + 1, last.source(), evaluatedAt,
        last.windowStart(), last.windowEnd(), last.geometry(), last.shape(), last.centroid(), last.resolution(),
        last.cells(), last.observed(), last.expected(), last.relativeRisk(), last.llr(), last.pValue(),
        last.recurrenceIntervalDays(), last.recurrenceIsLowerBound(), last.categories(), last.incidentIds(),
        last.forecast(), "diminishing",
        "Closed: no longer above what its history predicts.", last.corroboration());
  }

  /** The same event as the engine writes it for a cluster stronger than every simulated step of its calibration. */
  public static HotspotAlert beyondCalibration(HotspotAlert alert) {
    return new HotspotAlert(
        alert.kind(), alert.type(), alert.hotspotId(), alert.revision(), alert.source(), alert.evaluatedAt(),
        alert.windowStart(), alert.windowEnd(), alert.geometry(), alert.shape(), alert.centroid(), alert.resolution(),
        alert.cells(), alert.observed(), alert.expected(), alert.relativeRisk(), alert.llr(), alert.pValue(),
        alert.recurrenceIntervalDays(), true, alert.categories(), alert.incidentIds(), alert.forecast(),
        alert.label(), alert.explanation(), alert.corroboration());
  }

  /** The same event written again, as a writer restarted from a checkpoint does. */
  public static HotspotAlert repeat(HotspotAlert alert) {
    return new HotspotAlert(
        alert.kind(), alert.type(), alert.hotspotId(), alert.revision(), alert.source(), alert.evaluatedAt(),
        alert.windowStart(), alert.windowEnd(), alert.geometry(), alert.shape(), alert.centroid(), alert.resolution(),
        alert.cells(), alert.observed(), alert.expected(), alert.relativeRisk(), alert.llr(), alert.pValue(),
        alert.recurrenceIntervalDays(), alert.recurrenceIsLowerBound(), alert.categories(), alert.incidentIds(),
        alert.forecast(), alert.label(),
        alert.explanation(), alert.corroboration());
  }

  /**
   * The same event with the corroboration the job would attach from the demo's simulated social stream: posts from
   * the bundled pool of real texts placed at the hotspot's incidents ({@link SimulatedPosts}, one per incident),
   * those geotagged inside its cells during its window. Stand-in: the texts the annotators labelled related take the
   * place of the relevance model's choice. {@code extraExample}, when not null, is put first (e.g. hostile markup).
   */
  public static HotspotAlert corroborated(HotspotAlert alert, String extraExample) {
    Set<String> ids = Set.copyOf(alert.incidentIds());
    List<Incident> incidents = Data.INCIDENTS.stream().filter(i -> ids.contains(i.id())).toList();
    PostTextPool pool = Data.POOL;
    Set<String> related = pool.entries().stream()
        .filter(e -> e.informativeness().startsWith("Related"))
        .map(PostTextPool.Entry::text)
        .collect(Collectors.toSet());
    SimulatedPosts.Settings everyIncident = new SimulatedPosts.Settings(
        1, 0.25, Duration.ofMinutes(1), Duration.ofMinutes(10), 150, 400, 11);
    Set<String> cells = Set.copyOf(alert.cells());
    List<SocialPost> posts = SimulatedPosts.place(incidents, pool, everyIncident).stream()
        .filter(p -> p.geotagged() && cells.contains(CELLS.cellOf(p.latitude(), p.longitude())))
        .filter(p -> !p.postedAt().isBefore(alert.windowStart()) && p.postedAt().isBefore(alert.windowEnd()))
        .filter(p -> related.contains(p.text()))
        .toList();
    List<String> examples = new ArrayList<>();
    if (extraExample != null) {
      examples.add(extraExample);
    }
    posts.stream().map(SocialPost::text).limit(Corroboration.MAX_EXAMPLES - examples.size()).forEach(examples::add);
    int count = posts.size() + (extraExample == null ? 0 : 1);
    List<String> postIds = posts.stream().map(SocialPost::id).limit(Corroboration.MAX_IDS).toList();
    return alert.withCorroboration(new Corroboration(count, postIds, examples, true));
  }

  /** The cells' outline as H3 draws it: one polygon per patch of touching cells, rings closed. */
  public static MultiPolygon outline(Collection<String> cells) {
    List<List<List<List<Double>>>> polygons = new ArrayList<>();
    for (List<List<LatLng>> loops : Data.H3.cellAddressesToMultiPolygon(cells, true)) {
      List<List<List<Double>>> rings = new ArrayList<>();
      for (List<LatLng> loop : loops) {
        List<List<Double>> ring = new ArrayList<>();
        loop.forEach(v -> ring.add(List.of(v.lng, v.lat)));
        if (!ring.get(0).equals(ring.get(ring.size() - 1))) {
          ring.add(ring.get(0));
        }
        rings.add(ring);
      }
      polygons.add(rings);
    }
    return MultiPolygon.of(polygons);
  }

  /** The real inputs, read once. */
  private static final class Data {
    static final H3Core H3 = h3();
    static final List<Incident> INCIDENTS = incidents();
    static final BaselineRates BASELINE_RATES = baseline();
    static final PostTextPool POOL = pool();

    private static PostTextPool pool() {
      try {
        return PostTextPool.read(POST_POOL);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static H3Core h3() {
      try {
        return H3Core.newInstance();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static List<Incident> incidents() {
      try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(MONTH)) {
        return rows.filter(ParsedRow::isOk).map(ParsedRow::value).toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static BaselineRates baseline() {
      try {
        return BaselineRates.load(BASELINE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** What one window shows inside some cells and in the whole city. */
  private record Evidence(List<String> cells, Instant start, Instant end, List<Incident> inside, long cityWide) {

    static Evidence of(List<String> cells, Instant end) {
      Instant start = end.minus(WINDOW);
      Set<String> cellSet = Set.copyOf(cells);
      List<Incident> inWindow = Data.INCIDENTS.stream()
          .filter(i -> !i.occurredAt().isBefore(start) && i.occurredAt().isBefore(end))
          .toList();
      List<Incident> inside = inWindow.stream()
          .filter(i -> cellSet.contains(CELLS.cellOf(i.latitude(), i.longitude())))
          .sorted(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id))
          .toList();
      if (inside.size() < 3) {
        throw new IllegalStateException(
            inside.size() + " incidents in " + cells + " during [" + start + ", " + end + "): choose another window");
      }
      return new Evidence(cells, start, end, inside, inWindow.size());
    }

    long observed() {
      return inside.size();
    }

    double expected() {
      return cells.stream().mapToDouble(c -> Data.BASELINE_RATES.expected(c, start, end)).sum();
    }

    /** Kulldorff's Poisson statistics, the rest of the city expecting its own count minus this cluster's share. */
    double relativeRisk() {
      double c = observed();
      double e = expected();
      return (c / e) / ((cityWide - c) / (cityWide - e));
    }

    double llr() {
      double c = observed();
      double e = expected();
      double outside = cityWide - c;
      double outsideExpected = cityWide - e;
      if (c / e <= outside / outsideExpected) {
        return 0;
      }
      return c * Math.log(c / e) + (outside == 0 ? 0 : outside * Math.log(outside / outsideExpected));
    }

    String sentence(String what) {
      Map<String, Long> categories = categories();
      String top = categories.keySet().iterator().next();
      return String.format(Locale.ROOT,
          "%s: %d incidents (mostly %s) in %d cells in the last %d hours where %.1f were expected.",
          Character.toUpperCase(what.charAt(0)) + what.substring(1), observed(), top, cells.size(), WINDOW.toHours(),
          expected());
    }

    /** Counted incidents by category, largest first. */
    Map<String, Long> categories() {
      Map<String, Long> counts = inside.stream().collect(Collectors.groupingBy(Incident::category, TreeMap::new,
          Collectors.counting()));
      Map<String, Long> ordered = new LinkedHashMap<>();
      counts.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
      return ordered;
    }

    Map<String, Double> forecast() {
      Map<String, Double> shares = new LinkedHashMap<>();
      categories().entrySet().stream()
          .limit(3)
          .forEach(entry -> shares.put(entry.getKey(), entry.getValue() / (double) observed()));
      return shares;
    }

    double pValue() {
      return Math.min(1, Math.exp(-llr()));
    }

    static double recurrenceDays(double pValue) {
      return STEP.toMillis() / (double) Duration.ofDays(1).toMillis() / pValue;
    }

    GeoPoint centroid() {
      return new GeoPoint(
          inside.stream().mapToDouble(Incident::latitude).average().orElseThrow(),
          inside.stream().mapToDouble(Incident::longitude).average().orElseThrow());
    }

    /** Convex hull of the largest DBSCAN cluster of the incidents (metres on a local plane), or null. */
    Polygon shape() {
      double lat0 = Math.toRadians(centroid().lat());
      double xScale = METRES_PER_DEGREE * Math.cos(lat0);
      List<DoublePoint> points = inside.stream()
          .map(i -> new DoublePoint(new double[] {i.longitude() * xScale, i.latitude() * METRES_PER_DEGREE}))
          .toList();
      List<Cluster<DoublePoint>> clusters =
          new DBSCANClusterer<DoublePoint>(DBSCAN_EPS_METRES, DBSCAN_MIN_POINTS).cluster(points);
      Cluster<DoublePoint> largest = clusters.stream()
          .max(Comparator.comparingInt(c -> c.getPoints().size()))
          .orElse(null);
      if (largest == null) {
        return null;
      }
      List<Vector2D> vertices = List.copyOf(new MonotoneChain(false).findHullVertices(
          largest.getPoints().stream().map(p -> new Vector2D(p.getPoint())).toList()));
      if (vertices.size() < 3) {
        return null; // all at one address or on one street: no area to outline
      }
      List<List<Double>> ring = new ArrayList<>();
      vertices.forEach(v -> ring.add(List.of(v.getX() / xScale, v.getY() / METRES_PER_DEGREE)));
      ring.add(ring.get(0));
      return Polygon.ofRing(ring);
    }

    HotspotAlert alert(String type, String id, int revision, String label, String explanation) {
      double pValue = pValue();
      return new HotspotAlert(
          HotspotAlert.KIND, type, id, revision, "chicago", end, start, end, outline(cells), shape(), centroid(),
          CELLS.resolution(), cells, observed(), expected(), relativeRisk(), llr(), pValue, recurrenceDays(pValue),
          false,
          categories(), inside.stream().map(Incident::id).toList(), forecast(), label, explanation, null);
    }
  }
}
