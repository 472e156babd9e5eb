package io.hotwatch.flink.functions;

import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import org.apache.flink.api.common.functions.AggregateFunction;

/**
 * Adds incident deltas to a cell's window totals as they arrive, so a window holds totals, not incidents. A
 * retraction subtracts exactly what its version added when it joined.
 */
public final class CellWindowAggregate
    implements AggregateFunction<IncidentDelta, CellWindowAccumulator, CellWindowAccumulator> {

  private static final long serialVersionUID = 1L;

  @Override
  public CellWindowAccumulator createAccumulator() {
    return new CellWindowAccumulator();
  }

  @Override
  public CellWindowAccumulator add(IncidentDelta delta, CellWindowAccumulator acc) {
    ScoredIncident scored = delta.incident();
    int sign = delta.sign();
    acc.count += sign;
    acc.categoryCounts[CrimeCategory.parse(scored.incident().category()).ordinal()] += sign;
    if (delta.retraction()) {
      acc.incidentIds.remove(scored.incident().id());
    } else {
      acc.incidentIds.add(scored.incident().id());
    }
    float[] p = scored.probabilities();
    for (int c = 0; c < p.length; c++) {
      acc.probabilitySums[c] += sign * p[c];
    }
    acc.surpriseSum += sign * scored.surprise();
    return acc;
  }

  @Override
  public CellWindowAccumulator getResult(CellWindowAccumulator acc) {
    return acc;
  }

  @Override
  public CellWindowAccumulator merge(CellWindowAccumulator a, CellWindowAccumulator b) {
    a.count += b.count;
    for (int c = 0; c < a.categoryCounts.length; c++) {
      a.categoryCounts[c] += b.categoryCounts[c];
      a.probabilitySums[c] += b.probabilitySums[c];
    }
    a.incidentIds.addAll(b.incidentIds);
    a.surpriseSum += b.surpriseSum;
    return a;
  }
}
