package io.hotwatch.dashboard.kafka;

import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.closed;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.json.InvalidRecordException;
import java.time.Instant;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HotspotAlertDecoderTest {

  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");

  private final EventCodec codec = new EventCodec();
  private final HotspotAlertDecoder decoder = new HotspotAlertDecoder();
  private final HotspotAlert opened = opened(around(LOOP), T0);

  @Test
  void readsBackWhatTheCodecWritesForEveryStepOfALife() throws Exception {
    HotspotAlert updated = updated(opened, T0.plusSeconds(3600));
    HotspotAlert closed = closed(updated, T0.plusSeconds(7200));

    assertThat(decoder.decode(codec.encode(opened))).isEqualTo(opened);
    assertThat(decoder.decode(codec.encode(updated))).isEqualTo(updated);
    assertThat(decoder.decode(codec.encode(closed))).isEqualTo(closed);
  }

  @Test
  void aClosedEventNeedsOnlyItsIdentity() throws Exception {
    String json = "{\"kind\":\"hotspot\",\"type\":\"closed\",\"hotspotId\":\"h-1\",\"revision\":3,"
        + "\"evaluatedAt\":\"2017-07-14T23:00:00Z\"}";

    HotspotAlert closed = decoder.decode(json);

    assertThat(closed.hotspotId()).isEqualTo("h-1");
    assertThat(closed.revision()).isEqualTo(3);
    assertThat(closed.geometry()).isNull();
    String withCells = json.replace("}", ",\"cells\":[\"882664c1a9fffff\"]}");
    assertThat(decoder.decode(withCells).cells()).as("cells without a resolution to check them against")
        .containsExactly("882664c1a9fffff");
  }

  @Test
  void whatAClosedEventDoesCarryMustStillBeValid() {
    HotspotAlert closed = closed(opened, T0.plusSeconds(3600));

    assertRejected(edited(closed, n -> ((ObjectNode) n.get("geometry")).put("type", "Polygon")),
        "geometry type 'Polygon' is not 'MultiPolygon'");
    assertRejected(edited(closed, n -> n.put("revision", 0)), "revision 0 of type 'closed' is not at least 1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "null", "{\"kind\":", "[1, 2]", "\"hotspot\""})
  void rejectsWhatIsNotAJsonObject(String json) {
    assertThatThrownBy(() -> decoder.decode(json)).isInstanceOf(InvalidRecordException.class);
  }

  @Test
  void rejectsAPerCellEventOfTheEarlierSchema() {
    String earlier = "{\"kind\":\"hotspot\",\"status\":\"active\","
        + "\"hotspotId\":\"8826641b3bfffff@2017-07-14T22:00:00Z\","
        + "\"cellId\":\"8826641b3bfffff\",\"windowEnd\":\"2017-07-14T22:00:00Z\"}";

    assertRejected(earlier, "field 'type' is missing");
  }

  @Test
  void namesTheFieldAndTheValueOfTheIdentityItRejects() {
    assertRejected(edited(opened, n -> n.put("kind", "incident")), "kind 'incident' is not 'hotspot'");
    assertRejected(edited(opened, n -> n.put("type", "simmering")),
        "type 'simmering' is not one of opened, updated, closed");
    assertRejected(edited(opened, n -> n.put("hotspotId", " ")), "field 'hotspotId' is blank");
    assertRejected(edited(opened, n -> n.remove("revision")), "field 'revision' is missing");
    assertRejected(edited(opened, n -> n.put("revision", 2)), "revision 2 of type 'opened' is not 0");
    assertRejected(edited(opened, n -> n.put("type", "updated")), "revision 0 of type 'updated' is not at least 1");
    assertRejected(edited(opened, n -> n.put("evaluatedAt", "yesterday")), "field 'evaluatedAt': ");
  }

  @Test
  void anOpenedOrUpdatedEventNeedsItsWholeBody() {
    for (String field : new String[] {"windowEnd", "geometry", "cells", "observed", "expected", "relativeRisk", "llr",
        "pValue", "recurrenceIntervalDays", "categories", "incidentIds", "forecast", "label", "explanation"}) {
      assertRejected(edited(opened, n -> n.remove(field)), "field '" + field + "' is missing");
    }
    assertRejected(edited(opened, n -> n.putNull("observed")), "field 'observed' is missing");
  }

  @Test
  void namesTheFieldAndTheValueOfTheBodyItRejects() {
    assertRejected(edited(opened, n -> n.put("windowStart", T0.toString())),
        "windowStart 2017-07-14T20:00:00Z is not before windowEnd 2017-07-14T20:00:00Z");
    assertRejected(edited(opened, n -> n.put("geometry", "downtown")), "field 'geometry': ");
    assertRejected(edited(opened, n -> ((ObjectNode) n.get("geometry")).putArray("coordinates")),
        "geometry has no polygons: []");
    assertRejected(edited(opened, n -> ((ArrayNode) n.at("/geometry/coordinates/0/0/0")).set(1, 91.5)),
        "geometry polygon 0 position [-87.");
    assertRejected(edited(opened, n -> ((ArrayNode) n.at("/geometry/coordinates/0/0")).remove(0)),
        "geometry polygon 0 ring is not closed");
    assertRejected(edited(opened, n -> ((ObjectNode) n.get("centroid")).put("lat", 141.9)),
        "centroid lat 141.9 is outside [-90, 90]");
    assertRejected(edited(opened, n -> ((ArrayNode) n.get("cells")).add("zzz")),
        "cell 'zzz' is not an H3 cell address at resolution 8");
    assertRejected(edited(opened, n -> n.put("resolution", 9)), "is not an H3 cell address at resolution 9");
    assertRejected(edited(opened, n -> n.put("observed", -1)), "observed -1 is negative");
    assertRejected(edited(opened, n -> ((ArrayNode) n.get("incidentIds")).remove(0)),
        "incidentIds lists " + (opened.observed() - 1) + " incidents but observed is " + opened.observed());
    assertRejected(edited(opened, n -> ((ObjectNode) n.get("categories")).put("ARSON", 2)),
        "categories add up to " + (opened.observed() + 2) + " incidents but observed is " + opened.observed());
    assertRejected(edited(opened, n -> n.put("expected", -0.5)), "expected -0.5 is not a finite count >= 0");
    assertRejected(edited(opened, n -> n.put("relativeRisk", "NaN")), "relativeRisk NaN is not a number >= 0");
    assertRejected(edited(opened, n -> n.put("llr", -3.0)), "llr -3.0 is not a finite number >= 0");
    assertRejected(edited(opened, n -> n.put("pValue", 1.5)), "pValue 1.5 is outside [0, 1]");
    assertRejected(edited(opened, n -> n.put("recurrenceIntervalDays", 0)), "recurrenceIntervalDays 0.0 is not");
    assertRejected(edited(opened, n -> ((ObjectNode) n.get("forecast")).put("THEFT", 1.2)),
        "forecast probability 1.2 of 'THEFT' is outside [0, 1]");
    assertRejected(edited(opened, n -> n.put("label", "hot")), "label 'hot' is not one of new, intensifying");
    assertRejected(edited(opened, n -> n.put("explanation", "")), "field 'explanation' is blank");
  }

  @Test
  void theShapeMayBeAbsentButNotBroken() throws Exception {
    assertThat(opened.shape()).as("the Loop's incidents form a DBSCAN cluster").isNotNull();
    assertThat(decoder.decode(edited(opened, n -> n.putNull("shape"))).shape()).isNull();
    assertRejected(edited(opened, n -> ((ObjectNode) n.get("shape")).put("type", "LineString")),
        "shape type 'LineString' is not 'Polygon'");
  }

  @Test
  void anInfiniteRelativeRiskOrRecurrenceIsAllowed() throws Exception {
    // Jackson writes both as the string "Infinity" (JSON has no such number) and reads that back.
    HotspotAlert decoded = decoder.decode(
        edited(opened, n -> n.put("relativeRisk", "Infinity").put("recurrenceIntervalDays", "Infinity")));

    assertThat(decoded.relativeRisk()).isInfinite();
    assertThat(decoded.recurrenceIntervalDays()).isInfinite();
  }

  private void assertRejected(String json, String reason) {
    assertThatThrownBy(() -> decoder.decode(json))
        .isInstanceOf(InvalidRecordException.class)
        .hasMessageContaining(reason);
  }

  private String edited(HotspotAlert alert, Consumer<ObjectNode> edit) {
    ObjectNode node = codec.mapper().valueToTree(alert);
    edit.accept(node);
    return node.toString();
  }
}
