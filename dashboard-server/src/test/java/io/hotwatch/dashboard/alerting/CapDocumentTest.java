package io.hotwatch.dashboard.alerting;

import static io.hotwatch.dashboard.HotspotAlerts.ENGLEWOOD;
import static io.hotwatch.dashboard.HotspotAlerts.LOOP;
import static io.hotwatch.dashboard.HotspotAlerts.around;
import static io.hotwatch.dashboard.HotspotAlerts.beyondCalibration;
import static io.hotwatch.dashboard.HotspotAlerts.closed;
import static io.hotwatch.dashboard.HotspotAlerts.corroborated;
import static io.hotwatch.dashboard.HotspotAlerts.opened;
import static io.hotwatch.dashboard.HotspotAlerts.twoPatches;
import static io.hotwatch.dashboard.HotspotAlerts.updated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.dashboard.kafka.HotspotAlertDecoder;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * CAP 1.2 documents of real alerts (built by {@code HotspotAlerts} from the bundled July 2017 incidents, H3 cells and
 * the bundled baseline) validate against OASIS's schema and say what the alert says.
 */
class CapDocumentTest {

  private static final Instant T0 = Instant.parse("2017-07-14T20:00:00Z");
  private static final String SENDER = "alerts@hotwatch.example.org";

  private final AlertHistory history = new AlertHistory(
      new AlertHistorySettings(Duration.ofDays(30), 1000), new PoliceDistricts(), List.of());
  private final CapDocument cap = new CapDocument(new CapSettings(SENDER, "Exercise", "Public"));

  @Test
  void aHotspotsLifeIsAnAlertThenUpdatesThenACancelEachValidAndReferencingTheEarlierOnes() throws Exception {
    HotspotAlert open = opened(around(LOOP), T0);
    HotspotAlert update = updated(open, T0.plus(Duration.ofHours(1)));
    HotspotAlert close = closed(update, T0.plus(Duration.ofHours(3)));
    List<Document> documents = new ArrayList<>();
    for (HotspotAlert alert : List.of(open, update, close)) {
      String xml = write(alert);
      CapSchema.validate(xml);
      documents.add(parse(xml));
    }

    Document alert = documents.get(0);
    assertThat(text(alert, "identifier")).isEqualTo(open.hotspotId() + ":0");
    assertThat(text(alert, "sender")).isEqualTo(SENDER);
    assertThat(text(alert, "sent")).isEqualTo("2017-07-14T20:00:00-00:00");
    assertThat(text(alert, "status")).isEqualTo("Exercise");
    assertThat(text(alert, "msgType")).isEqualTo("Alert");
    assertThat(texts(alert, "references")).isEmpty();
    assertThat(texts(alert, "category")).contains("Security");
    assertThat(text(alert, "description"))
        .startsWith(open.explanation())
        .contains("Observed " + open.observed() + " incidents where ")
        .contains(open.categories().keySet().iterator().next());
    // The Loop lies in the 1st district; CAP polygons are "lat,lon" pairs, closed.
    assertThat(text(alert, "areaDesc")).contains("1 (1ST)");
    List<String> polygons = texts(alert, "polygon");
    assertThat(polygons).hasSize(1);
    String[] pairs = polygons.get(0).split(" ");
    assertThat(pairs.length).isGreaterThanOrEqualTo(4);
    assertThat(pairs[0]).isEqualTo(pairs[pairs.length - 1]);
    for (String pair : pairs) {
      String[] latLon = pair.split(",");
      assertThat(Double.parseDouble(latLon[0])).isBetween(41.6, 42.1);
      assertThat(Double.parseDouble(latLon[1])).isBetween(-88.0, -87.5);
    }

    Document updateDoc = documents.get(1);
    assertThat(text(updateDoc, "msgType")).isEqualTo("Update");
    assertThat(text(updateDoc, "references"))
        .isEqualTo(SENDER + "," + open.hotspotId() + ":0,2017-07-14T20:00:00-00:00");

    Document cancel = documents.get(2);
    assertThat(text(cancel, "msgType")).isEqualTo("Cancel");
    assertThat(text(cancel, "urgency")).isEqualTo("Past");
    assertThat(text(cancel, "responseType")).isEqualTo("AllClear");
    assertThat(text(cancel, "references").split(" ")).containsExactly(
        SENDER + "," + open.hotspotId() + ":0,2017-07-14T20:00:00-00:00",
        SENDER + "," + open.hotspotId() + ":1,2017-07-14T21:00:00-00:00");
    assertThat(texts(cancel, "polygon")).as("the closed event carries its last cells").isEqualTo(polygons);
    assertThat(text(cancel, "areaDesc")).contains("1 (1ST)");
  }

  @Test
  void aClosedEventCarryingOnlyItsIdentityTakesTheAreaOfItsLastRevision() throws Exception {
    HotspotAlert open = opened(around(ENGLEWOOD), T0.plus(Duration.ofHours(4)));
    write(open);
    // What the decoder accepts for a closed event: identity and time only.
    String bare = "{\"kind\":\"hotspot\",\"type\":\"closed\",\"hotspotId\":\"" + open.hotspotId()
        + "\",\"revision\":1,\"evaluatedAt\":\"2017-07-15T02:00:00Z\"}";
    HotspotAlert close = new HotspotAlertDecoder().decode(bare);

    String xml = write(close);

    CapSchema.validate(xml);
    Document doc = parse(xml);
    assertThat(text(doc, "msgType")).isEqualTo("Cancel");
    assertThat(texts(doc, "polygon")).hasSize(1);
    assertThat(text(doc, "areaDesc")).contains("(7TH)");
    assertThat(text(doc, "description")).contains("Categories: ");
  }

  @Test
  void twoPatchesAreTwoPolygonsAndAStrongClusterIsObservedWithHostileTextEscaped() throws Exception {
    HotspotAlert apart = corroborated(beyondCalibration(opened(twoPatches(LOOP), T0)), null);
    HotspotAlert withMarkup = new HotspotAlert(apart.kind(), apart.type(), apart.hotspotId(), apart.revision(),
        apart.source(), apart.evaluatedAt(), apart.windowStart(), apart.windowEnd(), apart.geometry(), apart.shape(),
        apart.centroid(), apart.resolution(), apart.cells(), apart.observed(), apart.expected(), apart.relativeRisk(),
        apart.llr(), apart.pValue(), apart.recurrenceIntervalDays(), apart.recurrenceIsLowerBound(),
        apart.categories(), apart.incidentIds(), apart.forecast(), apart.label(),
        "<script>alert(1)</script> & \"more\" ]]>", apart.corroboration());

    String xml = write(withMarkup);

    CapSchema.validate(xml);
    Document doc = parse(xml);
    assertThat(texts(doc, "polygon")).hasSize(2);
    assertThat(text(doc, "certainty")).isEqualTo("Observed");
    assertThat(text(doc, "description")).startsWith("<script>alert(1)</script> & \"more\" ]]>");
    assertThat(xml).doesNotContain("<script>");
  }

  @Test
  void theSchemaRejectsWhatCapForbids() throws Exception {
    // The validator is not a pass-through: a UTC "Z" time and an unknown msgType are refused.
    String valid = write(opened(around(LOOP), T0));
    assertThatThrownBy(() -> CapSchema.validate(valid.replace("2017-07-14T20:00:00-00:00", "2017-07-14T20:00:00Z")))
        .isInstanceOf(SAXException.class);
    assertThatThrownBy(() -> CapSchema.validate(valid.replace(">Alert<", ">Opened<")))
        .isInstanceOf(SAXException.class);
  }

  @Test
  void severityCertaintyAndUrgencyFollowTheDocumentedSteps() {
    assertThat(CapAssessment.severity(1.5)).isEqualTo("Minor");
    assertThat(CapAssessment.severity(2)).isEqualTo("Moderate");
    assertThat(CapAssessment.severity(4)).isEqualTo("Severe");
    assertThat(CapAssessment.severity(8)).isEqualTo("Extreme");
    assertThat(CapAssessment.severity(Double.POSITIVE_INFINITY)).isEqualTo("Extreme");
    HotspotAlert open = opened(around(LOOP), T0);
    assertThat(CapAssessment.urgency(open)).as("a 3-hour window").isEqualTo("Immediate");
    double days = open.recurrenceIntervalDays();
    assertThat(CapAssessment.certainty(open))
        .isEqualTo(days >= 365 ? "Observed" : days >= 14 ? "Likely" : "Possible");
    assertThat(CapAssessment.certainty(beyondCalibration(open))).isEqualTo("Observed");
  }

  private String write(HotspotAlert alert) {
    AlertRecord record = history.record(alert).orElseThrow();
    return cap.write(record, history.earlier(record.id()));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static String text(Document doc, String element) {
    List<String> all = texts(doc, element);
    assertThat(all).as("<%s> elements", element).hasSize(1);
    return all.get(0);
  }

  private static List<String> texts(Document doc, String element) {
    NodeList nodes = doc.getElementsByTagNameNS(CapDocument.NAMESPACE, element);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      found.add(((Element) nodes.item(i)).getTextContent());
    }
    return found;
  }
}
