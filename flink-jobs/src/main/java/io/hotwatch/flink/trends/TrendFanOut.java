package io.hotwatch.flink.trends;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.flink.event.IncidentDelta;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/**
 * Turns one incident delta into the trend keys it changes: its district and category, its district over all
 * categories, and the whole city. An incident without a district only counts for the city.
 */
public final class TrendFanOut implements FlatMapFunction<IncidentDelta, TrendUpdate> {

  private static final long serialVersionUID = 1L;

  public static final String SEPARATOR = "|";
  public static final String CITY_KEY = TrendEvent.CITY + SEPARATOR + TrendEvent.ALL;

  /** The key of a district and category. */
  public static String key(String district, String category) {
    return district + SEPARATOR + category;
  }

  @Override
  public void flatMap(IncidentDelta delta, Collector<TrendUpdate> out) {
    Incident incident = delta.incident().incident();
    long occurredAt = incident.occurredAt().toEpochMilli();
    int sign = delta.sign();
    out.collect(new TrendUpdate(CITY_KEY, occurredAt, sign));
    String district = incident.district();
    if (district != null && !district.isEmpty()) {
      out.collect(new TrendUpdate(key(district, incident.category()), occurredAt, sign));
      out.collect(new TrendUpdate(key(district, TrendEvent.ALL), occurredAt, sign));
    }
  }
}
