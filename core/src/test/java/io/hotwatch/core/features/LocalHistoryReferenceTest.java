package io.hotwatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link LocalHistory.Sequence} against a plain restatement of its rules (every entry in one list, every count a scan
 * of the whole list, cells and rings asked of H3 by address each time) over ten days of real Chicago incidents of July
 * 2017: the feature vectors must be identical, bit for bit, in time order and in an order with late arrivals and
 * re-reports.
 *
 * <p>The data set holds one row per incident id, so the re-reports are made here: copies of real incidents that arrive
 * later with another category, another cell of the ring or another time; and a few with a category outside the
 * model's, which the rules say are not recorded. The late arrivals are real incidents held back by a seeded random
 * delay of up to three days.
 */
class LocalHistoryReferenceTest {

  private static final Path YEAR =
      Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
          .resolve("chicago-crimes-2015-2017/chicago_crimes_2017.csv.gz");
  private static final Instant FROM = Instant.parse("2017-07-01T05:00:00Z");
  private static final Instant TO = Instant.parse("2017-07-11T05:00:00Z");
  private static final List<String> CATEGORIES =
      List.of("HOMICIDE", "ASSAULT_BATTERY", "ROBBERY", "SEX_OFFENSE", "BURGLARY", "THEFT", "MOTOR_VEHICLE_THEFT",
          "CRIMINAL_DAMAGE", "NARCOTICS", "WEAPONS", "FRAUD", "PUBLIC_ORDER", "OTHER");
  private static final long DAY_MS = 86_400_000L;

  private static List<Incident> inTimeOrder;

  @BeforeAll
  static void readTheDays() throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(YEAR)) {
      inTimeOrder =
          rows.filter(ParsedRow::isOk)
              .map(ParsedRow::value)
              .filter(i -> !i.occurredAt().isBefore(FROM) && i.occurredAt().isBefore(TO))
              .sorted(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id))
              .toList();
    }
    assertThat(inTimeOrder).hasSizeGreaterThan(5_000);
  }

  @Test
  void equalsTheReferenceInTimeOrder() {
    Comparison result = compare(inTimeOrder);
    // the comparison means something only if most incidents have history in their cell over the week
    assertThat(result.withHistory).isGreaterThan(inTimeOrder.size() / 2);
  }

  @Test
  void equalsTheReferenceWithLateArrivalsAndReReports() {
    List<Incident> arrivals = lateAndReReported(inTimeOrder, new Random(20170701));
    Comparison result = compare(arrivals);
    assertThat(result.withHistory).isGreaterThan(arrivals.size() / 2);
    assertThat(result.earlierVersionCounted).as("re-reports whose earlier version lay in their window").isGreaterThan(25);
    assertThat(result.changedByForgetting).as("late incidents that see less because their ring forgot").isGreaterThan(10);
  }

  /**
   * {@code writeThenRecord}, which the sequence and the stream's scorer use, against its three steps taken one after
   * the other ({@code write}, {@code record}, {@code forget}), each asking the store for itself: the same features, bit
   * for bit, and the same entries and incident cells kept, with late arrivals and re-reports.
   */
  @Test
  void writeThenRecordIsItsThreeStepsInOne() throws Exception {
    LocalHistory history = new LocalHistory(CATEGORIES, 8);
    CellIndex cells = new CellIndex(8);
    LocalHistory.InMemory combined = new LocalHistory.InMemory();
    LocalHistory.InMemory stepByStep = new LocalHistory.InMemory();
    java.util.Set<Long> keys = new java.util.HashSet<>();
    float[] one = new float[history.width()];
    float[] other = new float[history.width()];
    for (Incident incident : lateAndReReported(inTimeOrder, new Random(7))) {
      long cell = cells.cellIdOf(incident.latitude(), incident.longitude());
      long horizon = LocalHistory.horizon(incident.occurredAt().toEpochMilli());
      history.writeThenRecord(combined, cell, incident, one, 0, horizon);
      history.write(stepByStep, cell, incident, other, 0);
      history.record(stepByStep, cell, incident);
      history.forget(stepByStep, cell, horizon);
      assertThat(one).as("incident %s", incident.id()).containsExactly(other);
      keys.add(history.keyOf(cell));
    }
    assertThat(combined.cellCount()).isEqualTo(stepByStep.cellCount()).isGreaterThan(100);
    assertThat(combined.incidentCount()).isEqualTo(stepByStep.incidentCount()).isGreaterThan(1000);
    for (long key : keys) {
      assertThat(combined.cell(key)).as("cell %d", key).isEqualTo(stepByStep.cell(key));
    }
    for (Incident incident : inTimeOrder) {
      assertThat(combined.cellOfIncident(incident.id())).isEqualTo(stepByStep.cellOfIncident(incident.id()));
    }
  }

  /** Runs both over the arrivals and fails at the first incident whose features differ in any bit. */
  private static Comparison compare(List<Incident> arrivals) {
    LocalHistory.Sequence sequence = new LocalHistory(CATEGORIES, 8).sequence();
    Reference reference = new Reference(true);
    Reference neverForgets = new Reference(false);
    Comparison result = new Comparison();
    for (Incident incident : arrivals) {
      IncidentContext context = sequence.next(incident);
      int[] expected = reference.next(incident);
      int[] unforgotten = neverForgets.next(incident);
      assertThat(context.cell()).isEqualTo(reference.cells.cellOf(incident.latitude(), incident.longitude()));
      for (int i = 0; i < expected.length; i++) {
        float want = (float) Math.log1p(expected[i]);
        if (Float.floatToRawIntBits(context.history()[i]) != Float.floatToRawIntBits(want)) {
          throw new AssertionError("incident " + incident.id() + " at " + incident.occurredAt() + ", feature " + i
              + ": " + context.history()[i] + " against the reference's " + want + " (count " + expected[i] + ")");
        }
      }
      result.withHistory += expected[expected.length - 1] > 0 ? 1 : 0; // its own cell, the last seven days
      result.earlierVersionCounted += reference.earlierVersionInWindow ? 1 : 0;
      result.changedByForgetting += Arrays.equals(expected, unforgotten) ? 0 : 1;
    }
    return result;
  }

  /** What a comparison went through, so that a test can tell it meant something. */
  private static final class Comparison {
    int withHistory;
    int earlierVersionCounted;
    int changedByForgetting;
  }

  /**
   * The incidents as they might reach a stream: one in six held back by up to three days; one in twenty reported again
   * up to two days later, corrected in category, place or time; one in two hundred re-reported in a category the
   * model does not know. Ordered by arrival.
   */
  private static List<Incident> lateAndReReported(List<Incident> incidents, Random random) {
    record Arrival(long at, int order, Incident incident) {}
    List<Arrival> arrivals = new ArrayList<>();
    for (Incident incident : incidents) {
      long occurred = incident.occurredAt().toEpochMilli();
      long delay = random.nextInt(6) == 0 ? (long) (random.nextDouble() * 3 * DAY_MS) : 0;
      arrivals.add(new Arrival(occurred + delay, arrivals.size(), incident));
      int draw = random.nextInt(200);
      if (draw < 10) {
        long later = occurred + delay + (long) (random.nextDouble() * 2 * DAY_MS);
        arrivals.add(new Arrival(later, arrivals.size(), corrected(incident, draw, random)));
      } else if (draw == 10) {
        long later = occurred + delay + (long) (random.nextDouble() * DAY_MS);
        arrivals.add(new Arrival(later, arrivals.size(), with(incident, incident.occurredAt(), incident.latitude(),
            incident.longitude(), "NOT_A_MODEL_CATEGORY")));
      }
    }
    arrivals.sort(Comparator.comparingLong(Arrival::at).thenComparingInt(Arrival::order));
    return arrivals.stream().map(Arrival::incident).toList();
  }

  /** Another category; or a neighbouring cell's centre; or a time up to six hours either side. */
  private static Incident corrected(Incident incident, int draw, Random random) {
    if (draw % 3 == 0) {
      String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
      return with(incident, incident.occurredAt(), incident.latitude(), incident.longitude(), category);
    }
    if (draw % 3 == 1) {
      String cell = new CellIndex(8).cellOf(incident.latitude(), incident.longitude());
      List<String> ring = CellIndex.disk(cell, 1);
      GeoPoint moved = CellIndex.centroid(ring.get(1 + random.nextInt(ring.size() - 1)));
      return with(incident, incident.occurredAt(), moved.lat(), moved.lon(), incident.category());
    }
    Instant time = incident.occurredAt().plusMillis((long) ((random.nextDouble() - 0.5) * DAY_MS / 2));
    return with(incident, time, incident.latitude(), incident.longitude(), incident.category());
  }

  private static Incident with(Incident i, Instant time, double lat, double lon, String category) {
    return new Incident(i.id(), i.source(), time, i.reportedAt(), lat, lon, category, i.originalCategory(),
        i.description(), i.district(), i.beat(), i.locationType());
  }

  /**
   * The rules of {@link LocalHistory} restated as plainly as they read: the latest version of each id of a known
   * category, listed by cell; an incident at t counts the entries of its ring's cells in [t - 1 day, t) and
   * [t - 7 days, t) other than its own id; then it replaces its id's entry; then its cell forgets what lies more than
   * seven days before t.
   */
  private static final class Reference {
    record Entry(String id, String cell, long time, int group) {}

    final CellIndex cells = new CellIndex(8);
    final Map<String, List<Entry>> byCell = new HashMap<>();
    final Map<String, Entry> byId = new HashMap<>();
    final boolean forgets;
    boolean earlierVersionInWindow;

    Reference(boolean forgets) {
      this.forgets = forgets;
    }

    int[] next(Incident incident) {
      String cell = cells.cellOf(incident.latitude(), incident.longitude());
      long t = incident.occurredAt().toEpochMilli();
      int k = CATEGORIES.size();
      int[] counts = new int[2 * k + 2];
      earlierVersionInWindow = false;
      for (String around : CellIndex.disk(cell, 1)) {
        for (Entry e : byCell.getOrDefault(around, List.of())) {
          if (e.time() < t - 7 * DAY_MS || e.time() >= t) {
            continue;
          }
          if (e.id().equals(incident.id())) {
            earlierVersionInWindow = true;
            continue;
          }
          boolean own = around.equals(cell);
          counts[k + 1 + e.group()]++;
          counts[2 * k + 1] += own ? 1 : 0;
          if (e.time() >= t - DAY_MS) {
            counts[e.group()]++;
            counts[k] += own ? 1 : 0;
          }
        }
      }
      int group = CATEGORIES.indexOf(incident.category());
      if (group >= 0) {
        Entry earlier = byId.get(incident.id());
        if (earlier != null) {
          byCell.get(earlier.cell()).remove(earlier);
        }
        Entry entry = new Entry(incident.id(), cell, t, group);
        byCell.computeIfAbsent(cell, c -> new ArrayList<>()).add(entry);
        byId.put(incident.id(), entry);
      }
      if (forgets) {
        List<Entry> inCell = byCell.getOrDefault(cell, new ArrayList<>());
        inCell.stream().filter(e -> e.time() < t - 7 * DAY_MS).forEach(e -> byId.remove(e.id()));
        inCell.removeIf(e -> e.time() < t - 7 * DAY_MS);
      }
      return counts;
    }
  }
}
