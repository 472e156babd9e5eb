package io.hotwatch.dashboard.alerting;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** The OASIS CAP 1.2 schema (test resources), to validate documents with the JDK's validator. */
public final class CapSchema {

  private static final Schema SCHEMA = load();

  private CapSchema() {}

  private static Schema load() {
    URL xsd = CapSchema.class.getResource("/standards/CAP-v1.2.xsd");
    try {
      SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      return factory.newSchema(xsd);
    } catch (SAXException e) {
      throw new IllegalStateException("cannot load " + xsd, e);
    }
  }

  /** Throws, with the validator's message, when the document is not a valid CAP 1.2 alert. */
  public static void validate(String document) throws SAXException, IOException {
    SCHEMA.newValidator().validate(new StreamSource(new StringReader(document)));
  }
}
