package io.hotwatch.dashboard.board;

import static io.hotwatch.dashboard.HotspotEvents.CELLS;
import static io.hotwatch.dashboard.HotspotEvents.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotEvents.HYDE_PARK;
import static io.hotwatch.dashboard.HotspotEvents.LOOP;
import static io.hotwatch.dashboard.HotspotEvents.active;
import static io.hotwatch.dashboard.HotspotEvents.cleared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.HotspotEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class HotspotBoardTest {

  private static final Instant T0 = Instant.parse("2017-07-14T22:00:00Z");

  private final HotspotBoard board = new HotspotBoard(Duration.ofHours(2));

  @Test
  void activeAddsAndReplacesTheCellsEntry() {
    HotspotEvent first = active(LOOP, T0, 4, 0.5);
    HotspotEvent later = active(LOOP, T0.plusSeconds(300), 6, 0.5);

    assertThat(board.apply(first).changed()).isTrue();
    assertThat(board.apply(later).changed()).isTrue();

    assertThat(board.current()).containsExactly(later);
  }

  @Test
  void clearedRemovesTheCellAndClearingAnUnknownCellChangesNothing() {
    HotspotEvent loop = active(LOOP, T0, 4, 0.5);
    board.apply(loop);
    board.apply(active(HYDE_PARK, T0, 3, 0.2));

    assertThat(board.apply(cleared(loop, T0.plusSeconds(3600))).changed()).isTrue();
    assertThat(board.current()).extracting(HotspotEvent::cellId).containsExactly(HYDE_PARK);
    assertThat(board.apply(cleared(loop, T0.plusSeconds(3900))).changed()).isFalse();
  }

  @Test
  void anEventOlderThanTheCellsEntryIsStale() {
    HotspotEvent newer = active(LOOP, T0.plusSeconds(600), 5, 0.5);
    board.apply(newer);

    assertThat(board.apply(active(LOOP, T0, 4, 0.5)).changed()).isFalse();
    assertThat(board.apply(cleared(newer, T0.plusSeconds(300))).changed()).isFalse();
    assertThat(board.current()).containsExactly(newer);
  }

  @Test
  void listsNewestWindowFirst() {
    HotspotEvent oldest = active(LOOP, T0, 4, 0.5);
    HotspotEvent newest = active(HYDE_PARK, T0.plusSeconds(600), 3, 0.2);
    HotspotEvent middle = active(ENGLEWOOD, T0.plusSeconds(300), 7, 1.1);
    board.apply(oldest);
    board.apply(newest);
    board.apply(middle);

    assertThat(board.current()).containsExactly(newest, middle, oldest);
    assertThat(board.newestEventTime()).contains(newest.windowEnd());
  }

  @Test
  void dropsCellsWhoseWindowEndedMoreThanTheRetentionBeforeTheNewestEvent() {
    board.apply(active(LOOP, T0, 4, 0.5));
    HotspotEvent recent = active(HYDE_PARK, T0.plus(Duration.ofMinutes(100)), 3, 0.2);
    assertThat(board.apply(recent).expiredCells()).isEmpty();

    HotspotBoard.Update update = board.apply(active(ENGLEWOOD, T0.plus(Duration.ofMinutes(125)), 5, 0.4));

    assertThat(update.expiredCells()).containsExactly(LOOP);
    assertThat(board.current()).extracting(HotspotEvent::cellId).containsExactly(ENGLEWOOD, HYDE_PARK);
  }

  @Test
  void anActiveEventArrivingPastTheRetentionIsKeptUntilTheNextSweep() {
    board.apply(active(HYDE_PARK, T0.plus(Duration.ofHours(3)), 3, 0.2));

    HotspotBoard.Update late = board.apply(active(LOOP, T0, 4, 0.5));

    assertThat(late.changed()).isTrue();
    assertThat(late.expiredCells()).isEmpty();
    assertThat(board.current()).extracting(HotspotEvent::cellId).containsExactly(HYDE_PARK, LOOP);

    HotspotBoard.Update next = board.apply(active(ENGLEWOOD, T0.plus(Duration.ofHours(3)), 5, 0.4));
    assertThat(next.expiredCells()).containsExactly(LOOP);
    assertThat(board.current()).extracting(HotspotEvent::cellId).containsExactlyInAnyOrder(HYDE_PARK, ENGLEWOOD);
  }

  @Test
  void retentionIsMeasuredPerPartitionSoAPartitionReadAheadAgesNothingElse() {
    board.apply(active(HYDE_PARK, T0.plus(Duration.ofHours(3)), 3, 0.2), 0);

    // partition 1 is read behind partition 0: its entries are as fresh as anything it has said so far
    assertThat(board.apply(active(LOOP, T0, 4, 0.5), 1).changed()).isTrue();
    assertThat(board.apply(active(ENGLEWOOD, T0.plusSeconds(300), 5, 0.4), 1).expiredCells()).isEmpty();
    assertThat(board.current()).extracting(HotspotEvent::cellId).containsExactly(HYDE_PARK, ENGLEWOOD, LOOP);
    assertThat(board.newestEventTime()).contains(T0.plus(Duration.ofHours(3)));

    // partition 1's own newer events still age out its older entries
    HotspotBoard.Update caughtUp = board.apply(active(ENGLEWOOD, T0.plus(Duration.ofMinutes(125)), 6, 0.4), 1);
    assertThat(caughtUp.expiredCells()).containsExactly(LOOP);
    assertThat(board.current()).extracting(HotspotEvent::cellId).containsExactly(HYDE_PARK, ENGLEWOOD);
  }

  @Test
  void concurrentWritersAndReadersSeeAConsistentBoard() throws Exception {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      cells.add(CELLS.cellOf(41.70 + i * 0.001, -87.70 + i * 0.001));
    }
    List<String> distinct = cells.stream().distinct().toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          for (int i = writer; i < distinct.size(); i += 2) {
            board.apply(active(distinct.get(i), T0.plusSeconds(i), 3, 0.2));
          }
        }));
      }
      futures.add(pool.submit(() -> {
        for (int i = 0; i < 200; i++) {
          List<HotspotEvent> seen = board.current();
          assertThat(seen).isSortedAccordingTo(HotspotBoard.NEWEST_FIRST);
        }
      }));
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(board.size()).isEqualTo(distinct.size());
  }

  @Test
  void rejectsANonPositiveRetention() {
    assertThatThrownBy(() -> new HotspotBoard(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention PT0S");
  }
}
