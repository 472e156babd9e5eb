package io.hotwatch.dashboard.kafka;

import static io.hotwatch.dashboard.HotspotEvents.LOOP;
import static io.hotwatch.dashboard.HotspotEvents.active;
import static io.hotwatch.dashboard.HotspotEvents.cleared;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.HotspotEvent;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HotspotEventDecoderTest {

  private static final Instant T0 = Instant.parse("2017-07-14T22:00:00Z");

  private final EventCodec codec = new EventCodec();
  private final HotspotEventDecoder decoder = new HotspotEventDecoder();

  @Test
  void readsBackWhatTheCodecWrites() throws Exception {
    HotspotEvent event = active(LOOP, T0, 5, 0.7);
    HotspotEvent clear = cleared(event, T0.plusSeconds(3600));

    assertThat(decoder.decode(codec.encode(event))).isEqualTo(event);
    assertThat(decoder.decode(codec.encode(clear))).isEqualTo(clear);
  }

  @Test
  void aClearedEventNeedsNoGeometry() throws Exception {
    String json = edited(cleared(active(LOOP, T0, 5, 0.7), T0.plusSeconds(3600)), n -> n.remove("geometry"));

    assertThat(decoder.decode(json).geometry()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "null", "{\"kind\":", "[1, 2]", "\"hotspot\""})
  void rejectsWhatIsNotAJsonObject(String json) {
    assertThatThrownBy(() -> decoder.decode(json)).isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void namesTheFieldAndTheValueItRejects() {
    HotspotEvent event = active(LOOP, T0, 5, 0.7);

    assertRejected(edited(event, n -> n.put("kind", "incident")), "kind 'incident' is not 'hotspot'");
    assertRejected(edited(event, n -> n.put("status", "simmering")), "status 'simmering' is neither");
    assertRejected(edited(event, n -> n.remove("cellId")), "field 'cellId' is missing");
    assertRejected(edited(event, n -> n.remove("windowEnd")), "field 'windowEnd' is missing");
    assertRejected(edited(event, n -> n.put("windowEnd", "yesterday")), "malformed JSON");
    assertRejected(edited(event, n -> n.put("windowStart", T0.toString())), "windowStart 2017-07-14T22:00:00Z is not before");
    assertRejected(edited(event, n -> n.remove("geometry")), "field 'geometry' is missing");
    assertRejected(edited(event, n -> ((ObjectNode) n.get("geometry")).put("type", "Point")), "geometry type 'Point'");
    assertRejected(
        edited(event, n -> ((ArrayNode) n.at("/geometry/coordinates/0/0")).set(1, 91.5)),
        "geometry position [-87.");
    assertRejected(edited(event, n -> n.put("observed", -1)), "observed -1 is negative");
    assertRejected(edited(event, n -> n.put("expected", -0.5)), "expected -0.5");
    assertRejected(edited(event, n -> n.put("pValue", 1.5)), "pValue 1.5 is outside [0, 1]");
  }

  private void assertRejected(String json, String reason) {
    assertThatThrownBy(() -> decoder.decode(json))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining(reason);
  }

  private String edited(HotspotEvent event, Consumer<ObjectNode> edit) {
    ObjectNode node = codec.mapper().valueToTree(event);
    edit.accept(node);
    return node.toString();
  }
}
