package io.hotwatch.core.hotspot;

import static io.hotwatch.core.hotspot.EngineFixture.CENTRE;
import static io.hotwatch.core.hotspot.EngineFixture.incident;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The life of a hotspot in the small fixture city: opened, updated only on news, closed, and nothing left behind. */
class HotspotEngineTest {

  /** Tuesday 2017-07-04, 19:00 in Chicago. */
  private static final Instant T = Instant.parse("2017-07-05T00:00:00Z");
  private static final String NEIGHBOUR = CellIndex.disk(CENTRE, 1).stream().filter(c -> !c.equals(CENTRE)).sorted()
      .findFirst().orElseThrow();
  private static final long STEP = Duration.ofMinutes(5).toMillis();

  private final HotspotEngine engine = EngineFixture.engine();
  private long next = T.toEpochMilli();

  private List<HotspotAlert> stepTo(Instant until) {
    List<HotspotAlert> alerts = new ArrayList<>();
    for (; next <= until.toEpochMilli(); next += STEP) {
      alerts.addAll(engine.step(next));
    }
    return alerts;
  }

  private void burst(String prefix, String cell, Instant from, int n) {
    for (int i = 0; i < n; i++) {
      HotspotEngine.Admission a =
          engine.add(incident(prefix + i, cell, from.plus(Duration.ofMinutes(3L * i)), "ASSAULT_BATTERY"), next);
      assertThat(a).isEqualTo(HotspotEngine.Admission.ADDED);
    }
  }

  private static void assertConsistent(HotspotAlert a) {
    assertThat(a.observed()).isEqualTo(a.incidentIds().size());
    assertThat(a.categories().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(a.observed());
    assertThat(a.windowEnd()).isEqualTo(a.evaluatedAt());
    assertThat(a.cells()).isSorted().isNotEmpty();
    assertThat(a.geometry().coordinates()).isNotEmpty();
    assertThat(HotspotAlert.LABELS).contains(a.label());
    assertThat(a.kind()).isEqualTo(HotspotAlert.KIND);
  }

  @Test
  void aBurstOpensOneHotspotThatIsUpdatedOnlyOnNewsAndClosesWhenItFades() {
    // a week of normal life before and two days after, the burst on top
    EngineFixture.background(T.minus(Duration.ofDays(7)), T.plus(Duration.ofDays(2)), 3)
        .forEach(i -> engine.add(i, Long.MIN_VALUE));
    next = T.minus(Duration.ofDays(7)).toEpochMilli();
    assertThat(stepTo(T.plus(Duration.ofHours(2))))
        .as("no false alarm in this seeded week of normal life")
        .isEmpty();
    burst("b", CENTRE, T.plus(Duration.ofHours(2)), 8); // 8 assaults in 21 minutes where 0.05 an hour is normal
    // the hour window is scanned at every step: the hotspot opens at the first step whose cluster is beyond every
    // simulated null maximum, at the latest at 2:20 (which counts the first seven, 2:00 to 2:18), and every later
    // step that counts another assault updates it; 2:25 counts the eighth
    List<HotspotAlert> opening = stepTo(T.plus(Duration.ofMinutes(145)));

    assertThat(opening).hasSizeGreaterThanOrEqualTo(2);
    HotspotAlert opened = opening.get(0);
    assertConsistent(opened);
    assertThat(opened.type()).isEqualTo(HotspotAlert.OPENED);
    assertThat(opened.revision()).isZero();
    assertThat(opened.label()).isEqualTo("new");
    assertThat(opened.cells()).contains(CENTRE); // and any neighbour whose background raises the LLR
    assertThat(opened.evaluatedAt()).isBetween(T.plus(Duration.ofMinutes(125)), T.plus(Duration.ofMinutes(140)));
    assertThat(opened.windowStart()).isEqualTo(opened.evaluatedAt().minus(Duration.ofHours(1))); // the hour window
    assertThat(opened.incidentIds()).contains("b0", "b1", "b2").doesNotContain("b7");
    assertThat(opened.categories().get("ASSAULT_BATTERY")).isGreaterThanOrEqualTo(3L);
    assertThat(opened.forecast().keySet()).containsExactly("ASSAULT_BATTERY", "THEFT", "CRIMINAL_DAMAGE");
    assertThat(opened.forecast().get("ASSAULT_BATTERY")).isEqualTo(0.5);
    assertThat(opened.recurrenceIntervalDays()).isGreaterThanOrEqualTo(1.5);
    assertThat(opened.shape()).isNotNull();
    assertThat(opened.explanation())
        .matches("\\d+ incidents, (all|mostly) ASSAULT_BATTERY, in \\d cells? in the last hour against 0\\.\\d+"
            + " expected for a Tuesday evening(, 0\\.\\d+ at the city's current level)?: \\d+x the usual; by chance"
            + " less than once every 2 days");
    for (int i = 1; i < opening.size(); i++) {
      HotspotAlert update = opening.get(i);
      assertConsistent(update);
      assertThat(update.type()).isEqualTo(HotspotAlert.UPDATED);
      assertThat(update.revision()).isEqualTo(i);
      assertThat(update.hotspotId()).isEqualTo(opened.hotspotId());
      assertThat(update.incidentIds()).as("an update brings news").isNotEqualTo(opening.get(i - 1).incidentIds());
    }
    HotspotAlert eighth = opening.get(opening.size() - 1);
    assertThat(eighth.evaluatedAt()).isEqualTo(T.plus(Duration.ofMinutes(145)));
    assertThat(eighth.incidentIds()).contains("b0", "b7");

    // nothing new: no event however many steps pass while it stays strong
    assertThat(stepTo(T.plus(Duration.ofMinutes(160))))
        .noneMatch(a -> a.hotspotId().equals(opened.hotspotId()) && !a.incidentIds().stream()
            .anyMatch(id -> id.startsWith("bg-")));

    // one more assault right there joins: one update, same id, next revision
    engine.add(incident("joiner", CENTRE, T.plus(Duration.ofMinutes(162)), "ASSAULT_BATTERY"), next);
    List<HotspotAlert> update = stepTo(T.plus(Duration.ofMinutes(165)));
    assertThat(update).singleElement().satisfies(u -> {
      assertConsistent(u);
      assertThat(u.type()).isEqualTo(HotspotAlert.UPDATED);
      assertThat(u.hotspotId()).isEqualTo(opened.hotspotId());
      assertThat(u.revision()).isEqualTo(eighth.revision() + 1);
      assertThat(u.incidentIds()).contains("joiner", "b7");
    });

    // the burst leaves the windows; the hotspot closes once, with the next revision
    List<HotspotAlert> rest = stepTo(T.plus(Duration.ofDays(2)));
    List<HotspotAlert> closed = rest.stream().filter(a -> a.type().equals(HotspotAlert.CLOSED)).toList();
    assertThat(closed).singleElement().satisfies(c -> {
      assertConsistent(c);
      assertThat(c.hotspotId()).isEqualTo(opened.hotspotId());
      assertThat(c.recurrenceIntervalDays()).isLessThan(0.2);
      assertThat(c.explanation()).startsWith("Back to normal: ");
    });
    List<HotspotAlert> all = new ArrayList<>(opening);
    all.addAll(update);
    all.addAll(rest);
    List<HotspotAlert> life = all.stream().filter(a -> a.hotspotId().equals(opened.hotspotId())).toList();
    // revisions count the events 0, 1, 2, ... and the closing one is the last
    assertThat(life.stream().map(HotspotAlert::revision))
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, life.size()).boxed().toList());
    assertThat(life.get(life.size() - 1).type()).isEqualTo(HotspotAlert.CLOSED);
    assertThat(all).as("no other hotspot in two days of normal life")
        .allMatch(a -> a.hotspotId().equals(opened.hotspotId()));
  }

  @Test
  void nothingIsKeptOnceEverythingHasLeftTheLongestWindow() {
    burst("b", CENTRE, T, 6);
    stepTo(T.plus(Duration.ofDays(9)));
    assertThat(engine.isIdle()).isTrue();
    assertThat(engine.incidents()).isEmpty();
    assertThat(engine.openHotspots()).isEmpty();
  }

  @Test
  void aLateIncidentWithinTheLatenessCorrectsTheOpenHotspotAndOneTooLateIsRefused() {
    burst("b", CENTRE, T, 6);
    List<HotspotAlert> opened = stepTo(T.plus(Duration.ofMinutes(30)));
    assertThat(opened).extracting(HotspotAlert::type).startsWith(HotspotAlert.OPENED)
        .containsOnlyOnce(HotspotAlert.OPENED).containsOnly(HotspotAlert.OPENED, HotspotAlert.UPDATED);

    // 25 minutes behind the last step: within the hour of lateness, counted at the next step
    Instant late = T.plus(Duration.ofMinutes(5));
    assertThat(engine.add(incident("late", CENTRE, late, "ROBBERY"), next)).isEqualTo(HotspotEngine.Admission.ADDED);
    assertThat(stepTo(T.plus(Duration.ofMinutes(35)))).singleElement().satisfies(u -> {
      assertThat(u.type()).isEqualTo(HotspotAlert.UPDATED);
      assertThat(u.incidentIds()).contains("late");
      assertThat(u.categories()).containsEntry("ROBBERY", 1L);
    });

    Instant tooLate = T.minus(Duration.ofMinutes(30));
    assertThat(engine.add(incident("too-late", CENTRE, tooLate, "ROBBERY"), next))
        .isEqualTo(HotspotEngine.Admission.TOO_LATE);
    assertThat(engine.incidents()).extracting(HeldIncident::id).doesNotContain("too-late");
  }

  @Test
  void aReReportReplacesTheEarlierVersionAndARetractionRemovesIt() {
    assertThat(engine.add(incident("x", CENTRE, T, "THEFT"), Long.MIN_VALUE)).isEqualTo(HotspotEngine.Admission.ADDED);
    assertThat(engine.add(incident("x", NEIGHBOUR, T, "ROBBERY"), Long.MIN_VALUE))
        .isEqualTo(HotspotEngine.Admission.REPLACED);
    assertThat(engine.incidents()).singleElement().extracting(HeldIncident::cell).isEqualTo(NEIGHBOUR);
    assertThat(engine.retract("x")).isTrue();
    assertThat(engine.retract("x")).isFalse();
    assertThat(engine.isIdle()).isTrue();
  }

  @Test
  void aCellOfAnotherResolutionIsNotCounted() {
    String fine = new CellIndex(9).cellOf(41.8781, -87.6298);
    assertThat(engine.add(new HeldIncident("r9", fine, T.toEpochMilli(), 41.8781, -87.6298, "THEFT", new float[0]),
        Long.MIN_VALUE)).isEqualTo(HotspotEngine.Admission.WRONG_RESOLUTION);
  }

  @Test
  void anEngineRestoredFromItsMemoryAndIncidentsDecidesExactlyAsTheOriginal() {
    burst("b", CENTRE, T.plus(Duration.ofMinutes(10)), 6);
    burst("c", NEIGHBOUR, T.plus(Duration.ofMinutes(50)), 3);
    List<HotspotAlert> before = stepTo(T.plus(Duration.ofMinutes(45)));
    assertThat(before).isNotEmpty();

    HotspotEngine restored = HotspotEngine.restore("test", EngineFixture.BASELINE, EngineFixture.CALIBRATION,
        EngineFixture.SETTINGS, engine.memory(), List.copyOf(engine.incidents()));
    List<HotspotAlert> original = new ArrayList<>();
    List<HotspotAlert> copy = new ArrayList<>();
    for (long t = next; t <= T.plus(Duration.ofDays(1)).toEpochMilli(); t += STEP) {
      original.addAll(engine.step(t));
      copy.addAll(restored.step(t));
    }
    assertThat(original).isNotEmpty();
    assertThat(copy).usingRecursiveComparison().isEqualTo(original);
  }
}
