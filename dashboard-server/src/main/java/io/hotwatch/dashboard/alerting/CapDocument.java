package io.hotwatch.dashboard.alerting;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.MultiPolygon;
import jakarta.inject.Singleton;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one hotspot event as an OASIS Common Alerting Protocol 1.2 {@code alert} with the JDK's StAX writer (which
 * escapes every text). Identifier: the alert id with spaces, commas, {@code <} and {@code &} (which CAP forbids there)
 * replaced by {@code _}; sent: the event's evaluation time (event time, so that a replay writes the same document);
 * references: the earlier revisions of the hotspot still in the history. See {@link CapAssessment} for the rest.
 */
@Singleton
public final class CapDocument {

  /** The CAP 1.2 namespace. */
  public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
  /** Media type of a CAP document. */
  public static final String MEDIA_TYPE = "application/cap+xml";

  // CAP wants a numeric offset, never "Z", and "-00:00" for UTC.
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'-00:00'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

  private final CapSettings settings;

  public CapDocument(CapSettings settings) {
    this.settings = settings;
  }

  /** The document for one event; {@code earlier} are its hotspot's earlier revisions, oldest first. */
  public String write(AlertRecord record, List<AlertRecord> earlier) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = OUTPUT.createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.setDefaultNamespace(NAMESPACE);
      xml.writeStartElement(NAMESPACE, "alert");
      xml.writeDefaultNamespace(NAMESPACE);
      CapAssessment cap = CapAssessment.of(record);
      HotspotAlert alert = record.alert();
      text(xml, "identifier", identifier(record));
      text(xml, "sender", settings.sender());
      text(xml, "sent", time(alert.evaluatedAt()));
      text(xml, "status", settings.status());
      text(xml, "msgType", cap.msgType());
      if (alert.source() != null) {
        text(xml, "source", alert.source());
      }
      text(xml, "scope", settings.scope());
      if (!earlier.isEmpty()) {
        text(xml, "references", earlier.stream()
            .map(e -> settings.sender() + "," + identifier(e) + "," + time(e.alert().evaluatedAt()))
            .collect(Collectors.joining(" ")));
      }
      // Every revision of one hotspot is one incident in CAP's sense.
      text(xml, "incidents", safe(alert.hotspotId()));
      info(xml, record, cap);
      xml.writeEndElement();
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write the CAP document of " + record.id(), e);
    }
    return out.toString();
  }

  private void info(XMLStreamWriter xml, AlertRecord record, CapAssessment cap) throws XMLStreamException {
    HotspotAlert alert = record.alert();
    xml.writeStartElement(NAMESPACE, "info");
    text(xml, "language", "en-US");
    for (String category : cap.categories()) {
      text(xml, "category", category);
    }
    text(xml, "event", "Crime hotspot");
    text(xml, "responseType", record.closed() ? "AllClear" : "Monitor");
    text(xml, "urgency", cap.urgency());
    text(xml, "severity", cap.severity());
    text(xml, "certainty", cap.certainty());
    text(xml, "effective", time(alert.evaluatedAt()));
    if (alert.windowStart() != null) {
      text(xml, "onset", time(alert.windowStart()));
    }
    text(xml, "senderName", "Hotwatch");
    text(xml, "headline", headline(record));
    text(xml, "description", description(record));
    parameter(xml, "hotspotId", alert.hotspotId());
    parameter(xml, "revision", Integer.toString(alert.revision()));
    if (!record.closed()) {
      parameter(xml, "observed", Long.toString(alert.observed()));
      parameter(xml, "expected", number(alert.expected()));
      parameter(xml, "relativeRisk", number(alert.relativeRisk()));
      parameter(xml, "pValue", String.format(Locale.ROOT, "%.3g", alert.pValue()));
      parameter(xml, "recurrenceIntervalDays", number(alert.recurrenceIntervalDays()));
      parameter(xml, "label", alert.label());
    }
    if (record.area() != null) {
      area(xml, record);
    }
    xml.writeEndElement();
  }

  private static void area(XMLStreamWriter xml, AlertRecord record) throws XMLStreamException {
    xml.writeStartElement(NAMESPACE, "area");
    text(xml, "areaDesc", areaDescription(record.districts()));
    // CAP polygons have no holes: each polygon's outer ring, as "lat,lon" pairs, first pair repeated last.
    for (List<List<List<Double>>> polygon : polygons(record.area())) {
      text(xml, "polygon", polygon.get(0).stream()
          .map(p -> coordinate(p.get(1)) + "," + coordinate(p.get(0)))
          .collect(Collectors.joining(" ")));
    }
    xml.writeEndElement();
  }

  private static List<List<List<List<Double>>>> polygons(MultiPolygon area) {
    return area.coordinates();
  }

  static String areaDescription(List<District> districts) {
    if (districts.isEmpty()) {
      return "Chicago, outside the police districts";
    }
    String names = districts.stream()
        .map(d -> d.number() + " (" + d.label() + ")")
        .collect(Collectors.joining(", "));
    return "Chicago police district" + (districts.size() > 1 ? "s " : " ") + names;
  }

  private static String headline(AlertRecord record) {
    HotspotAlert alert = record.alert();
    String what = switch (alert.type()) {
      case HotspotAlert.OPENED -> "Crime hotspot opened";
      case HotspotAlert.UPDATED -> "Crime hotspot updated (" + alert.label() + ")";
      default -> "Crime hotspot closed";
    };
    String where = record.districts().isEmpty() ? "" : " in " + areaDescription(record.districts());
    String headline = what + where;
    // CAP asks for headlines under 160 characters (text messages).
    return headline.length() < 160 ? headline : headline.substring(0, 156) + "...";
  }

  static String description(AlertRecord record) {
    HotspotAlert alert = record.alert();
    StringBuilder text = new StringBuilder();
    if (alert.explanation() != null && !alert.explanation().isBlank()) {
      text.append(alert.explanation().strip()).append(' ');
    }
    if (!record.closed()) {
      text.append(String.format(Locale.ROOT,
          "Observed %d incidents where %.1f were expected (relative risk %s) from %s to %s; chance alone makes a "
              + "cluster this strong %s.",
          alert.observed(), alert.expected(), number(alert.relativeRisk()), time(alert.windowStart()),
          time(alert.windowEnd()), recurrence(alert)));
    }
    if (!record.categories().isEmpty()) {
      text.append(" Categories: ").append(CapAssessment.describe(record.categories())).append('.');
    }
    return text.toString().strip();
  }

  private static String recurrence(HotspotAlert alert) {
    String every = "once every " + number(alert.recurrenceIntervalDays()) + " days";
    return alert.recurrenceIsLowerBound() ? "less than " + every : "about " + every;
  }

  private static String identifier(AlertRecord record) {
    return safe(record.id().toString());
  }

  private static String safe(String text) {
    return text.replaceAll("[\\s,<&]", "_");
  }

  private static void parameter(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
    xml.writeStartElement(NAMESPACE, "parameter");
    text(xml, "valueName", name);
    text(xml, "value", value);
    xml.writeEndElement();
  }

  private static void text(XMLStreamWriter xml, String element, String value) throws XMLStreamException {
    xml.writeStartElement(NAMESPACE, element);
    xml.writeCharacters(value);
    xml.writeEndElement();
  }

  static String time(Instant instant) {
    return CAP_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  private static String coordinate(double degrees) {
    return String.format(Locale.ROOT, "%.6f", degrees);
  }

  private static String number(double value) {
    if (Double.isInfinite(value)) {
      return "infinite";
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
