package io.hotwatch.flink.social;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.EarlySignal;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.geo.CellIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The join of hotspot events with related, placed posts, on Flink's keyed two-input operator harness. */
class CorroboratorTest {

  private static final CellIndex CELLS = new CellIndex(8);
  private static final String HOT = CELLS.cellOf(41.8781, -87.6298);
  private static final String ELSEWHERE = CELLS.cellOf(41.7943, -87.5907);
  private static final Instant STEP = Instant.parse("2017-07-18T10:00:00Z");
  private static final Duration RETENTION = Duration.ofDays(7);

  private KeyedTwoInputStreamOperatorTestHarness<String, HotspotAlert, ScoredPost, HotspotAlert> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        new KeyedTwoInputStreamOperatorTestHarness<>(
            new KeyedCoProcessOperator<>(new Corroborator(RETENTION, Duration.ofHours(1), 3)),
            alert -> Corroborator.KEY, post -> Corroborator.KEY, Types.STRING);
    harness.open();
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void anEventCarriesTheRelatedPlacedPostsOfItsCellsAndWindowMostRelevantFirst() throws Exception {
    post("a", "shots fired on state st", STEP.minusSeconds(600), HOT, 0.91f, true, "simulated-crisislext26");
    post("b", "police everywhere downtown", STEP.minusSeconds(1200), HOT, 0.97f, true, "simulated-crisislext26");
    post("a", "shots fired on state st", STEP.minusSeconds(600), HOT, 0.91f, true, "simulated-crisislext26");
    // not counted: unrelated, not placed, another cell, before the window, at its (exclusive) end
    post("c", "lovely weather", STEP.minusSeconds(300), HOT, 0.2f, false, "simulated-crisislext26");
    post("d", "so scared right now", STEP.minusSeconds(300), null, 0.95f, true, "simulated-crisislext26");
    post("e", "fire trucks", STEP.minusSeconds(300), ELSEWHERE, 0.95f, true, "simulated-crisislext26");
    post("f", "earlier that night", STEP.minusSeconds(7200), HOT, 0.95f, true, "simulated-crisislext26");
    post("g", "just now", STEP, HOT, 0.95f, true, "simulated-crisislext26");

    harness.processElement1(new StreamRecord<>(alert(HotspotAlert.OPENED, List.of(HOT)), STEP.toEpochMilli()));

    Corroboration found = only().corroboration();
    assertThat(found.posts()).isEqualTo(2);
    assertThat(found.postIds()).containsExactly("b", "a");
    assertThat(found.examples()).containsExactly("police everywhere downtown", "shots fired on state st");
    assertThat(found.simulated()).isTrue();
  }

  @Test
  void anEventWithNoPostsSaysSoAndRealPostsAreNotSimulated() throws Exception {
    harness.processElement1(new StreamRecord<>(alert(HotspotAlert.OPENED, List.of(HOT)), STEP.toEpochMilli()));
    assertThat(only().corroboration()).isEqualTo(new Corroboration(0, List.of(), List.of(), false));

    harness.getOutput().clear();
    post("r", "gunshots near the station", STEP.minusSeconds(60), HOT, 0.9f, true, "crisislext26");
    harness.processElement1(new StreamRecord<>(alert(HotspotAlert.UPDATED, List.of(HOT)), STEP.toEpochMilli()));
    assertThat(only().corroboration().posts()).isEqualTo(1);
    assertThat(only().corroboration().simulated()).isFalse();
  }

  @Test
  void postsLeaveAfterTheRetentionAndNoStateOrTimerIsLeft() throws Exception {
    post("a", "shots fired", STEP.minusSeconds(600), HOT, 0.91f, true, "simulated-crisislext26");
    post("b", "police", STEP.minusSeconds(3 * 3600), HOT, 0.91f, true, "simulated-crisislext26");
    assertThat(harness.numKeyedStateEntries()).isPositive();
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    harness.processBothWatermarks(new Watermark(STEP.plus(RETENTION).toEpochMilli()));
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numKeyedStateEntries()).isZero();
  }

  @Test
  void threeRelatedPostsCloseTogetherWhereNoHotspotIsOpenRaiseOneEarlySignal() throws Exception {
    String next = CellIndex.disk(HOT, 1).stream().filter(c -> !c.equals(HOT)).findFirst().orElseThrow();
    post("a", "shots fired", STEP.minusSeconds(3000), HOT, 0.91f, true, "simulated-crisislext26");
    post("x", "nice day", STEP.minusSeconds(2000), HOT, 0.1f, false, "simulated-crisislext26");
    post("b", "police everywhere", STEP.minusSeconds(1800), next, 0.97f, true, "simulated-crisislext26");
    assertThat(signals()).isEmpty();
    post("c", "stay away from state st", STEP.minusSeconds(600), HOT, 0.93f, true, "simulated-crisislext26");

    assertThat(signals()).singleElement().satisfies(signal -> {
      assertThat(signal.posts()).isEqualTo(3);
      assertThat(signal.postIds()).containsExactly("b", "c", "a");
      assertThat(signal.cell()).isEqualTo(HOT);
      assertThat(signal.cells()).contains(HOT, next);
      assertThat(signal.simulated()).isTrue();
      assertThat(signal.raisedAt()).isEqualTo(STEP.minusSeconds(600));
      assertThat(signal.explanation()).contains("3 related social posts (simulated)");
    });
    // the same group growing raises nothing more within the window
    post("d", "more police", STEP.minusSeconds(300), next, 0.95f, true, "simulated-crisislext26");
    assertThat(signals()).hasSize(1);
  }

  @Test
  void noEarlySignalWhereAHotspotIsOpenOrWhenThePostsAreSpreadOut() throws Exception {
    harness.processElement1(new StreamRecord<>(alert(HotspotAlert.OPENED, List.of(HOT)), STEP.toEpochMilli()));
    post("a", "shots fired", STEP.minusSeconds(900), HOT, 0.91f, true, "simulated-crisislext26");
    post("b", "police everywhere", STEP.minusSeconds(800), HOT, 0.97f, true, "simulated-crisislext26");
    post("c", "stay away", STEP.minusSeconds(700), HOT, 0.93f, true, "simulated-crisislext26");
    assertThat(signals()).isEmpty();

    harness.processElement1(new StreamRecord<>(alert(HotspotAlert.CLOSED, List.of(HOT)), STEP.toEpochMilli()));
    // elsewhere, three posts over more than an hour
    post("e", "smoke", STEP.minusSeconds(7200), ELSEWHERE, 0.9f, true, "crisislext26");
    post("f", "sirens", STEP.minusSeconds(5000), ELSEWHERE, 0.9f, true, "crisislext26");
    post("g", "fire trucks", STEP.minusSeconds(3500), ELSEWHERE, 0.9f, true, "crisislext26");
    assertThat(signals()).isEmpty();
    // once the hotspot has closed, posts there can raise a signal
    post("h", "still police here", STEP.minusSeconds(600), HOT, 0.92f, true, "simulated-crisislext26");
    assertThat(signals()).singleElement().satisfies(s -> assertThat(s.posts()).isEqualTo(4));
  }

  private List<EarlySignal> signals() {
    List<EarlySignal> out = new ArrayList<>();
    var side = harness.getSideOutput(Corroborator.EARLY_SIGNALS);
    if (side != null) {
      side.forEach(r -> out.add(r.getValue()));
    }
    return out;
  }

  private HotspotAlert only() {
    List<HotspotAlert> out = harness.extractOutputValues();
    assertThat(out).hasSize(1);
    return out.get(0);
  }

  private void post(String id, String text, Instant at, String cell, float score, boolean related, String source)
      throws Exception {
    SocialPost post =
        new SocialPost(id, source, at, text, cell == null ? null : 41.88, cell == null ? null : -87.63, "x");
    harness.processElement2(new StreamRecord<>(new ScoredPost(post, score, related, cell), at.toEpochMilli()));
  }

  private static HotspotAlert alert(String type, List<String> cells) {
    return new HotspotAlert(
        HotspotAlert.KIND, type, "chicago:" + HOT + ":" + STEP, 0, "chicago-crimes", STEP, STEP.minusSeconds(3600),
        STEP, CellIndex.outline(cells), null, new GeoPoint(41.8781, -87.6298), 8, cells, 5, 0.5, 10, 9.1, 1e-3, 12,
        false, Map.of("THEFT", 5L), List.of("1", "2", "3", "4", "5"), Map.of("THEFT", 0.5), "new", "five thefts",
        null);
  }
}
