package io.hotwatch.dashboard.board;

import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.closed;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.repeat;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.dashboard.board.HotspotBoard.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The board on alerts built from real incidents. Hotspots around the Loop are told apart by their window: the bundled
 * month has at least 3 incidents there in every window ending between 16:00 and 05:00 UTC on 2017-07-14/15.
 */
class HotspotBoardTest {

  private static final Instant DAY = Instant.parse("2017-07-14T00:00:00Z");

  private final HotspotBoard board = new HotspotBoard(Duration.ofHours(2));

  /** A hotspot around the Loop opened at the end of the window ending this many hours after {@link #DAY}. */
  private static HotspotAlert loop(double hours) {
    return opened(around(LOOP), at(hours));
  }

  private static Instant at(double hours) {
    return DAY.plusSeconds(Math.round(hours * 3600));
  }

  @Test
  void openedAddsUpdatedReplacesClosedRemoves() {
    HotspotAlert opened = loop(20);
    HotspotAlert updated = updated(opened, at(21));

    assertThat(board.apply(opened).outcome()).isEqualTo(Outcome.ADDED);
    assertThat(board.current()).containsExactly(opened);
    assertThat(board.apply(updated).outcome()).isEqualTo(Outcome.REPLACED);
    assertThat(board.current()).containsExactly(updated);
    assertThat(board.apply(closed(updated, at(22))).outcome()).isEqualTo(Outcome.REMOVED);
    assertThat(board.current()).isEmpty();
    assertThat(board.ignored()).isZero();
  }

  @Test
  void aRepeatOrAnOlderRevisionIsIgnored() {
    HotspotAlert opened = loop(20);
    HotspotAlert updated = updated(opened, at(21));
    board.apply(opened);
    board.apply(updated);

    HotspotBoard.Update again = board.apply(repeat(updated));
    HotspotBoard.Update older = board.apply(repeat(opened));

    assertThat(again.outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(again.changed()).isFalse();
    assertThat(older.outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(board.current()).containsExactly(updated);
    assertThat(board.ignored()).isEqualTo(2);
  }

  @Test
  void aRepeatArrivingAfterTheCloseDoesNotBringTheHotspotBack() {
    HotspotAlert opened = loop(20);
    HotspotAlert updated = updated(opened, at(21));
    HotspotAlert closed = closed(updated, at(22));
    board.apply(opened);
    board.apply(updated);
    board.apply(closed);

    assertThat(board.apply(repeat(updated)).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(board.apply(repeat(opened)).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(board.apply(repeat(closed)).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(board.current()).isEmpty();
  }

  @Test
  void aLaterRevisionReadFirstWinsOverTheEarlierOne() {
    HotspotAlert opened = loop(20);
    HotspotAlert updated = updated(opened, at(21));

    assertThat(board.apply(updated).outcome()).isEqualTo(Outcome.ADDED);
    assertThat(board.apply(opened).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(board.current()).containsExactly(updated);
  }

  @Test
  void closingAHotspotNeverShownChangesNothingAndKeepsItsEarlierEventsOff() {
    HotspotAlert opened = loop(20);
    HotspotAlert closed = closed(opened, at(21));

    HotspotBoard.Update update = board.apply(closed);

    assertThat(update.outcome()).isEqualTo(Outcome.NOT_SHOWN);
    assertThat(update.changed()).isFalse();
    assertThat(board.apply(opened).outcome()).isEqualTo(Outcome.IGNORED);
    assertThat(board.current()).isEmpty();
  }

  @Test
  void listsLatestEventFirst() {
    HotspotAlert oldest = loop(22);
    HotspotAlert newest = opened(around(ENGLEWOOD), at(24));
    HotspotAlert middle = loop(23);
    board.apply(oldest);
    board.apply(newest);
    board.apply(middle);

    assertThat(board.current()).containsExactly(newest, middle, oldest);
    assertThat(board.newestEventTime()).contains(newest.evaluatedAt());
  }

  @Test
  void dropsHotspotsWhoseLatestEventIsMoreThanTheRetentionBeforeTheNewestEvent() {
    HotspotAlert early = loop(16);
    board.apply(early);
    assertThat(board.apply(loop(18)).expiredHotspots()).isEmpty();

    HotspotBoard.Update update = board.apply(loop(18.5));

    assertThat(update.expiredHotspots()).containsExactly(early.hotspotId());
    assertThat(board.current()).extracting(HotspotAlert::evaluatedAt).containsExactly(at(18.5), at(18));
  }

  @Test
  void anUpdateKeepsAHotspotFromTheSweep() {
    HotspotAlert early = loop(16);
    board.apply(early);
    HotspotAlert updated = updated(early, at(18));
    board.apply(updated);

    assertThat(board.apply(loop(19)).expiredHotspots()).isEmpty();
    assertThat(board.current()).contains(updated);
  }

  @Test
  void aClosedHotspotIsRememberedForTheRetentionOnly() {
    HotspotAlert opened = loop(16);
    HotspotAlert closed = closed(opened, at(16.5));
    board.apply(opened);
    board.apply(closed);
    board.apply(loop(18.4));
    assertThat(board.apply(repeat(opened)).outcome()).as("within the retention").isEqualTo(Outcome.IGNORED);

    board.apply(loop(18.6));

    // Past the retention the board no longer knows it, so a repeat that late is shown again, until the next sweep.
    assertThat(board.apply(repeat(opened)).outcome()).isEqualTo(Outcome.ADDED);
    assertThat(board.apply(loop(19)).expiredHotspots()).containsExactly(opened.hotspotId());
  }

  @Test
  void anEventArrivingPastTheRetentionIsKeptUntilTheNextSweep() {
    board.apply(loop(22));

    HotspotAlert late = loop(17);
    HotspotBoard.Update update = board.apply(late);

    assertThat(update.outcome()).isEqualTo(Outcome.ADDED);
    assertThat(update.expiredHotspots()).isEmpty();
    assertThat(board.current()).extracting(HotspotAlert::evaluatedAt).containsExactly(at(22), at(17));

    HotspotBoard.Update next = board.apply(loop(22.5));
    assertThat(next.expiredHotspots()).containsExactly(late.hotspotId());
    assertThat(board.current()).extracting(HotspotAlert::evaluatedAt).containsExactly(at(22.5), at(22));
  }

  @Test
  void retentionIsMeasuredPerPartitionSoAPartitionReadAheadAgesNothingElse() {
    board.apply(loop(25), 0);

    // partition 1 is read behind partition 0: its hotspots are as fresh as anything it has said so far
    HotspotAlert behind = loop(17);
    assertThat(board.apply(behind, 1).changed()).isTrue();
    assertThat(board.apply(loop(17.5), 1).expiredHotspots()).isEmpty();
    assertThat(board.current()).extracting(HotspotAlert::evaluatedAt).containsExactly(at(25), at(17.5), at(17));
    assertThat(board.newestEventTime()).contains(at(25));

    // partition 1's own newer events still age out its older hotspots
    HotspotBoard.Update caughtUp = board.apply(loop(19.5), 1);
    assertThat(caughtUp.expiredHotspots()).containsExactly(behind.hotspotId());
    assertThat(board.current()).extracting(HotspotAlert::evaluatedAt).containsExactly(at(25), at(19.5), at(17.5));
  }

  @Test
  void concurrentWritersAndReadersSeeAConsistentBoard() throws Exception {
    List<HotspotAlert> alerts = new ArrayList<>();
    for (int minutes = 0; minutes < 120; minutes += 5) {
      alerts.add(loop(20 + minutes / 60.0));
    }
    HotspotBoard wide = new HotspotBoard(Duration.ofDays(1));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        futures.add(pool.submit(() -> {
          for (int i = writer; i < alerts.size(); i += 2) {
            wide.apply(alerts.get(i), writer);
            wide.apply(repeat(alerts.get(i)), writer);
          }
        }));
      }
      futures.add(pool.submit(() -> {
        for (int i = 0; i < 200; i++) {
          assertThat(wide.current()).isSortedAccordingTo(HotspotBoard.NEWEST_FIRST);
        }
      }));
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(wide.size()).isEqualTo(alerts.size());
    assertThat(wide.ignored()).isEqualTo(alerts.size());
  }

  @Test
  void rejectsANonPositiveRetention() {
    assertThatThrownBy(() -> new HotspotBoard(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retention PT0S");
  }
}
