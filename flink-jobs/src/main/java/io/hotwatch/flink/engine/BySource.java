package io.hotwatch.flink.engine;

import io.hotwatch.flink.event.IncidentDelta;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys an incident change by its data source: one hotspot engine per city. */
public final class BySource implements KeySelector<IncidentDelta, String> {

  private static final long serialVersionUID = 1L;

  @Override
  public String getKey(IncidentDelta delta) {
    return delta.incident().incident().source();
  }
}
