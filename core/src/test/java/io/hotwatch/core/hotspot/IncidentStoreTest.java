package io.hotwatch.core.hotspot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The incremental window counts and cell lists always equal a count from scratch, whatever order changes come in. */
class IncidentStoreTest {

  private static final EngineSettings SETTINGS = EngineSettings.defaults();
  private static final long STEP = SETTINGS.step().toMillis();
  private static final List<String> CELLS = CellIndex.disk(new CellIndex(8).cellOf(41.8781, -87.6298), 1);
  private static final long T0 = Instant.parse("2017-07-03T15:00:00Z").toEpochMilli();

  @Test
  void incrementalCountsMatchARecount() {
    matchesARecount(Duration.ofDays(8), 7);
  }

  /** Many incidents per bucket: cells leave buckets and others take their places. */
  @Test
  void incrementalCountsMatchARecountWhenBucketsAreCrowded() {
    matchesARecount(Duration.ofHours(2), 11);
  }

  @Test
  void aCellThatTakesTheBucketPlaceOfOneThatLeftStartsFromNothing() {
    IncidentStore store = new IncidentStore(SETTINGS, listener(new HashSet<>()));
    store.add(new HeldIncident("a", CELLS.get(0), T0, 0, 0, "THEFT", new float[0]));
    store.add(new HeldIncident("b", CELLS.get(1), T0 + 1, 0, 0, "THEFT", new float[0]));
    store.remove("a");
    store.add(new HeldIncident("c", CELLS.get(2), T0 + 2, 0, 0, "THEFT", new float[0]));
    store.advance(T0 + STEP);

    assertThat(store.count(0, CELLS.get(2))).isEqualTo(1);
    assertThat(store.total(0)).isEqualTo(2);
    store.advance(T0 + STEP + SETTINGS.windows().get(0).toMillis());
    assertThat(store.count(0, CELLS.get(2))).isZero();
    assertThat(store.total(0)).isZero();
  }

  /** Incidents from up to {@code spread} before the step to an hour after it, in random order with re-reports. */
  private static void matchesARecount(Duration spread, long seed) {
    Set<String> region = new HashSet<>();
    IncidentStore store = new IncidentStore(SETTINGS, listener(region));
    Map<String, HeldIncident> truth = new HashMap<>();
    Random random = new Random(seed);
    long step = T0;
    int nextId = 0;
    for (int round = 0; round < 1500; round++) {
      int action = random.nextInt(10);
      if (action < 6) {
        // within the spread or up to an hour ahead of the step; some ids come again (re-reports)
        String id = random.nextInt(5) == 0 && nextId > 0 ? "i" + random.nextInt(nextId) : "i" + nextId++;
        long at = step - (long) (random.nextDouble() * spread.toMillis()) + Duration.ofHours(1).toMillis();
        HeldIncident incident = new HeldIncident(id, CELLS.get(random.nextInt(CELLS.size())), at, 0, 0, "THEFT",
            new float[0]);
        HeldIncident replaced = store.add(incident);
        assertThat(replaced).isEqualTo(truth.put(id, incident));
      } else if (action < 8 && !truth.isEmpty()) {
        String id = new ArrayList<>(truth.keySet()).get(random.nextInt(truth.size()));
        assertThat(store.remove(id)).isSameAs(truth.remove(id));
      } else {
        step += STEP * (1 + random.nextInt(3));
        store.advance(step);
        long cutoff = step - SETTINGS.longestWindowMillis();
        List<String> evicted = store.evictBefore(cutoff);
        assertThat(evicted).allMatch(id -> truth.get(id).occurredAt() < cutoff);
        truth.values().removeIf(i -> i.occurredAt() < cutoff);
      }
      if (store.step() != Long.MIN_VALUE) {
        assertMatches(store, truth, store.step());
      }
      assertThat(region).containsExactlyInAnyOrderElementsOf(truth.values().stream().map(HeldIncident::cell)
          .distinct().toList());
    }
  }

  private static void assertMatches(IncidentStore store, Map<String, HeldIncident> truth, long step) {
    for (int w = 0; w < SETTINGS.windows().size(); w++) {
      long from = step - SETTINGS.windows().get(w).toMillis();
      long total = 0;
      Set<String> active = new HashSet<>();
      Set<String> busy = new HashSet<>();
      for (String cell : CELLS) {
        long n = truth.values().stream()
            .filter(i -> i.cell().equals(cell) && i.occurredAt() >= from && i.occurredAt() < step).count();
        assertThat(store.count(w, cell)).as("window %d cell %s", w, cell).isEqualTo(n);
        assertThat(store.incidentsIn(List.of(cell), from, step)).hasSize((int) n);
        total += n;
        if (n > 0) {
          active.add(cell);
        }
        if (n >= SETTINGS.prescreenMinCount()) {
          busy.add(cell);
        }
      }
      assertThat(store.total(w)).isEqualTo(total);
      assertThat(store.active(w)).containsExactlyInAnyOrderElementsOf(active);
      assertThat(store.busyCounts(w).stream().map(c -> c.cell).toList()).containsExactlyInAnyOrderElementsOf(busy);
    }
  }

  private static IncidentStore.RegionListener listener(Set<String> region) {
    return new IncidentStore.RegionListener() {
      @Override
      public void joined(String cell) {
        assertThat(region.add(cell)).isTrue();
      }

      @Override
      public void left(String cell) {
        assertThat(region.remove(cell)).isTrue();
      }
    };
  }
}
