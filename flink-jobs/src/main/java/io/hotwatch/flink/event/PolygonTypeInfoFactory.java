package io.hotwatch.flink.event;

import io.hotwatch.core.event.Polygon;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Describes core's GeoJSON {@link Polygon} to Flink as a POJO whose nested coordinate lists use Flink's list
 * serializer. Without it the type extractor gives up on {@code List<List<List<Double>>>} and falls back to Kryo.
 */
public final class PolygonTypeInfoFactory extends TypeInfoFactory<Polygon> {

  @Override
  public TypeInformation<Polygon> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
    return Types.POJO(
        Polygon.class, Map.of("type", Types.STRING, "coordinates", Types.LIST(Types.LIST(Types.LIST(Types.DOUBLE)))));
  }
}
