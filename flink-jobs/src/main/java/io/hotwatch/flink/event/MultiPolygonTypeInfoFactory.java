package io.hotwatch.flink.event;

import io.hotwatch.core.event.MultiPolygon;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Describes core's GeoJSON {@link MultiPolygon} to Flink as a POJO with nested list serializers, as
 * {@link PolygonTypeInfoFactory} does for a polygon: the type extractor alone falls back to Kryo for the coordinates.
 */
public final class MultiPolygonTypeInfoFactory extends TypeInfoFactory<MultiPolygon> {

  @Override
  public TypeInformation<MultiPolygon> createTypeInfo(Type type, Map<String, TypeInformation<?>> genericParameters) {
    return Types.POJO(
        MultiPolygon.class,
        Map.of("type", Types.STRING, "coordinates", Types.LIST(Types.LIST(Types.LIST(Types.LIST(Types.DOUBLE))))));
  }
}
