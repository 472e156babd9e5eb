package io.hotwatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A cell's entries stay in time order through additions in any order, removals and forgetting, as the arrays move. */
class CellHistoryTest {

  private record Entry(String id, long time, int group) {}

  @Test
  void keepsTimeOrderAndTheOrderOfEqualTimesAsItAddsForgetsAndRemoves() {
    Random random = new Random(7);
    CellHistory history = new CellHistory();
    List<Entry> plain = new ArrayList<>(); // the same operations on a list kept sorted (stable) by time
    long now = 1_000_000;
    for (int step = 0; step < 20_000; step++) {
      int op = random.nextInt(10);
      if (op < 6) {
        now += random.nextInt(1_000);
        long time = random.nextInt(5) == 0 ? now - random.nextInt(50_000) : now; // one in five late
        Entry e = new Entry("i" + step, time, random.nextInt(13));
        history.add(e.id(), e.time(), e.group());
        plain.add(e);
        plain.sort(Comparator.comparingLong(Entry::time));
      } else if (op < 9 && !plain.isEmpty()) {
        int n = firstAtOrAfter(plain, now - 40_000);
        assertThat(history.firstAtOrAfter(now - 40_000)).isEqualTo(n);
        history.dropOldest(n);
        plain.subList(0, n).clear();
      } else if (!plain.isEmpty()) {
        Entry gone = plain.get(random.nextInt(plain.size()));
        assertThat(history.indexOf(gone.id())).isEqualTo(plain.indexOf(gone));
        assertThat(history.remove(gone.id())).isEqualTo(1);
        plain.remove(gone);
      }
      assertThat(history.size()).isEqualTo(plain.size());
    }
    assertThat(plain).hasSizeGreaterThan(10);
    for (int i = 0; i < plain.size(); i++) {
      assertThat(new Entry(history.idAt(i), history.timeAt(i), history.groupAt(i))).isEqualTo(plain.get(i));
    }
    assertThat(history.latest()).isEqualTo(plain.get(plain.size() - 1).time());
  }

  @Test
  void countsTheEntriesOfBothWindowsByGroup() {
    CellHistory history = new CellHistory();
    history.add("a", 10, 0);
    history.add("b", 20, 1);
    history.add("c", 30, 1);
    history.add("d", 40, 2); // at the end of the windows: not counted
    int[] counts = new int[6];

    long both = history.addCounts(10, 25, 40, counts, 0, 3);

    assertThat(counts).containsExactly(0, 1, 0, /* long */ 1, 2, 0);
    assertThat(both >>> 32).isEqualTo(3);
    assertThat((int) both).isEqualTo(1);
  }

  @Test
  void equalHistoriesAreEqualWhateverRoomTheirArraysHave() {
    CellHistory grown = new CellHistory();
    for (int i = 0; i < 40; i++) {
      grown.add("x" + i, i, 0);
    }
    grown.dropOldest(38);
    CellHistory fresh = new CellHistory();
    fresh.add("x38", 38, 0);
    fresh.add("x39", 39, 0);

    assertThat(grown).isEqualTo(fresh).hasSameHashCodeAs(fresh);
    assertThat(grown.getIds().length).isGreaterThan(fresh.getIds().length);
    assertThatThrownBy(() -> fresh.dropOldest(3)).isInstanceOf(IllegalArgumentException.class);
  }

  private static int firstAtOrAfter(List<Entry> entries, long millis) {
    int n = 0;
    while (n < entries.size() && entries.get(n).time() < millis) {
      n++;
    }
    return n;
  }
}
