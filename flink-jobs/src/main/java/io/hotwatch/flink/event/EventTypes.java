package io.hotwatch.flink.event;

import io.hotwatch.core.event.MultiPolygon;
import io.hotwatch.core.event.Polygon;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;

/** How the job's event types are serialized: by Flink's POJO serializers only, never by Kryo. */
public final class EventTypes {

  private EventTypes() {}

  /**
   * Settings for an environment: generic (Kryo) types disabled, so a type that would need Kryo fails the job at
   * submission, and the {@link PolygonTypeInfoFactory} and {@link MultiPolygonTypeInfoFactory} registered.
   *
   * <p>The factory registration lands in a JVM-wide table that refuses a second registration, so it is only included
   * the first time; a test suite or the in-process demo defines the job more than once per JVM.
   */
  public static synchronized Configuration serialization() {
    Configuration config = new Configuration().set(PipelineOptions.GENERIC_TYPES, false);
    List<String> factories = new ArrayList<>();
    if (TypeExtractor.getTypeInfoFactory(Polygon.class) == null) {
      factories.add(registration(Polygon.class, PolygonTypeInfoFactory.class));
    }
    if (TypeExtractor.getTypeInfoFactory(MultiPolygon.class) == null) {
      factories.add(registration(MultiPolygon.class, MultiPolygonTypeInfoFactory.class));
    }
    if (!factories.isEmpty()) {
      config.set(PipelineOptions.SERIALIZATION_CONFIG, factories);
    }
    return config;
  }

  private static String registration(Class<?> type, Class<?> factory) {
    return type.getName() + ": {type: typeinfo, class: " + factory.getName() + "}";
  }
}
