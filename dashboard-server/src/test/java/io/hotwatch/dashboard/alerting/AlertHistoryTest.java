package io.hotwatch.dashboard.alerting;

import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.GARFIELD_PARK;
import static io.hotwatch.dashboard.HotspotAlerts.HYDE_PARK;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.closed;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.dashboard.board.HotspotBoard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history of real alerts: what it keeps, for how long, in which order, and what a query picks. */
class AlertHistoryTest {

  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");
  private static final PoliceDistricts DISTRICTS = new PoliceDistricts();

  private final HotspotAlert loop = opened(around(LOOP), T0);
  private final HotspotAlert loopUpdated = updated(loop, T0.plus(Duration.ofHours(1)));
  private final HotspotAlert englewood = opened(around(ENGLEWOOD), T0.plus(Duration.ofHours(4)));
  private final HotspotAlert loopClosed = closed(loopUpdated, T0.plus(Duration.ofHours(5)));
  private final HotspotAlert garfield = opened(around(GARFIELD_PARK), T0.plus(Duration.ofHours(6)));

  @Test
  void theBoardTellsEveryAppliedEventOnceAndNeverARepeat() {
    List<String> told = new ArrayList<>();
    AlertHistory history = history(Duration.ofDays(30), 100, (alert, earlier) -> told.add(alert.id().toString()));
    HotspotBoard board = new HotspotBoard(Duration.ofDays(8), List.of(history));

    for (HotspotAlert alert : List.of(loop, loopUpdated, loop, englewood, loopUpdated, loopClosed, loopClosed)) {
      board.apply(alert);
    }

    assertThat(told).containsExactly(
        loop.hotspotId() + ":0", loop.hotspotId() + ":1", englewood.hotspotId() + ":0", loop.hotspotId() + ":2");
    assertThat(history.size()).isEqualTo(4);
    assertThat(board.ignored()).isEqualTo(3);
  }

  @Test
  void listsNewestFirstWithinFromInclusiveAndToExclusive() {
    AlertHistory history = history(Duration.ofDays(30), 100);
    List.of(loop, loopUpdated, englewood, loopClosed, garfield).forEach(history::record);

    List<AlertRecord> all = history.find(new AlertQuery(null, null, null, null, 100));
    assertThat(ids(all)).containsExactly(id(garfield), id(loopClosed), id(englewood), id(loopUpdated), id(loop));

    List<AlertRecord> window = history.find(new AlertQuery(loopUpdated.evaluatedAt(), loopClosed.evaluatedAt(),
        null, null, 100));
    assertThat(ids(window)).containsExactly(id(englewood), id(loopUpdated));

    assertThat(ids(history.find(new AlertQuery(null, null, null, null, 2)))).containsExactly(id(garfield),
        id(loopClosed));
  }

  @Test
  void picksByPoliceDistrictAndByCategory() {
    AlertHistory history = history(Duration.ofDays(30), 100);
    List.of(loop, englewood, garfield).forEach(history::record);

    AlertRecord loopRecord = history.get(new AlertId(loop.hotspotId(), 0)).orElseThrow();
    assertThat(loopRecord.districts()).extracting(District::number).contains("1");
    assertThat(ids(history.find(new AlertQuery(null, null, "1", null, 100)))).containsExactly(id(loop));

    String englewoodCategory = englewood.categories().keySet().iterator().next();
    List<String> withCategory = ids(history.find(new AlertQuery(null, null, null, englewoodCategory, 100)));
    assertThat(withCategory).contains(id(englewood));
    for (HotspotAlert alert : List.of(loop, englewood, garfield)) {
      assertThat(withCategory.contains(id(alert))).isEqualTo(alert.categories().containsKey(englewoodCategory));
    }
  }

  @Test
  void forgetsEventsPastTheRetentionAndBeyondTheCap() {
    AlertHistory history = history(Duration.ofHours(3), 100);
    history.record(loop);
    history.record(loopUpdated);
    history.record(englewood);
    // englewood is 4 hours after loop: loop (T0) is out, loopUpdated (T0+1h) is exactly 3 hours back and stays.
    assertThat(history.get(new AlertId(loop.hotspotId(), 0))).isEmpty();
    assertThat(history.get(new AlertId(loop.hotspotId(), 1))).isPresent();
    assertThat(history.record(loop)).as("an event older than the retention").isEmpty();

    AlertHistory capped = history(Duration.ofDays(30), 2);
    List.of(loop, loopUpdated, englewood).forEach(capped::record);
    assertThat(ids(capped.find(new AlertQuery(null, null, null, null, 100))))
        .containsExactly(id(englewood), id(loopUpdated));
    assertThat(capped.expired()).isEqualTo(1);
  }

  @Test
  void aClosedEventKeepsItsHotspotsDistrictsAndListsItsEarlierRevisions() {
    AlertHistory history = history(Duration.ofDays(30), 100);
    List.of(loop, loopUpdated, loopClosed).forEach(history::record);

    AlertRecord closing = history.get(new AlertId(loop.hotspotId(), 2)).orElseThrow();
    assertThat(closing.closed()).isTrue();
    assertThat(closing.districts()).extracting(District::number).contains("1");
    assertThat(ids(history.earlier(closing.id()))).containsExactly(id(loop), id(loopUpdated));
  }

  private static AlertHistory history(Duration retention, int maxEntries, AlertRecordedListener... listeners) {
    return new AlertHistory(new AlertHistorySettings(retention, maxEntries), DISTRICTS, List.of(listeners));
  }

  private static String id(HotspotAlert alert) {
    return alert.hotspotId() + ":" + alert.revision();
  }

  private static List<String> ids(List<AlertRecord> records) {
    return records.stream().map(r -> r.id().toString()).toList();
  }
}
