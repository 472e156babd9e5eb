package io.hotwatch.dashboard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import io.hotwatch.dashboard.ScoredIncidents;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scored incidents read from the topic: real ones read back as written; each damaged one refused with its field. */
class IncidentScoreDecoderTest {

  private static List<IncidentScore> scores;

  private final EventCodec codec = new EventCodec();
  private final IncidentScoreDecoder decoder = new IncidentScoreDecoder();

  @BeforeAll
  static void score() throws Exception {
    scores = ScoredIncidents.between(Instant.parse("2017-07-14T18:00:00Z"), Instant.parse("2017-07-14T18:30:00Z"));
  }

  @Test
  void readsBackWhatTheCodecWrites() throws Exception {
    assertThat(scores).isNotEmpty();
    for (IncidentScore score : scores) {
      assertThat(decoder.decode(codec.encode(score))).isEqualTo(score);
    }
  }

  @Test
  void refusesWhatTheMapCouldNotShowNamingTheFieldAndValue() {
    assertRefused("", "record is empty");
    assertRefused("[1, 2]", "malformed scored-incident JSON");
    assertRefused("{\"kind\": ", "malformed scored-incident JSON");
    assertRefused(changed(n -> n.put("kind", "trend")), "kind 'trend' is not 'scored-incident'");
    assertRefused(changed(n -> n.remove("incidentId")), "field 'incidentId' is missing");
    assertRefused(changed(n -> n.remove("occurredAt")), "field 'occurredAt' is missing");
    assertRefused(changed(n -> n.put("latitude", 91.5)), "position 91.5, ");
    assertRefused(changed(n -> n.put("category", "SHOUTING")), "category 'SHOUTING' is not a known category");
    assertRefused(changed(n -> n.put("probability", 1.5)), "probability 1.5 is outside [0, 1]");
    assertRefused(changed(n -> n.putArray("top")), "field 'top' is missing");
    assertRefused(changed(n -> ((ObjectNode) n.withArray("top").get(0)).put("probability", -0.1)),
        "is outside [0, 1]");
    assertRefused(changed(n -> n.put("surprise", "Infinity")), "surprise Infinity is not a finite number >= 0");
    assertRefused(changed(n -> n.put("surprise", -1.0)), "surprise -1.0 is not a finite number >= 0");
  }

  private String changed(Consumer<ObjectNode> change) {
    ObjectNode node = codec.mapper().valueToTree(scores.get(0));
    change.accept(node);
    return node.toString();
  }

  private void assertRefused(String json, String reason) {
    assertThatThrownBy(() -> decoder.decode(json))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining(reason);
  }
}
