package io.hotwatch.flink.functions;

import io.hotwatch.core.taxonomy.CrimeCategory;
import java.util.ArrayList;
import java.util.List;

/**
 * Running totals of one cell's window, kept in window state. A mutable Flink POJO (public fields, no-argument
 * constructor) so that adding an incident does not copy it; arrays are indexed by {@link CrimeCategory#ordinal()}.
 */
public class CellWindowAccumulator {

  public long count;
  public long[] categoryCounts = new long[CrimeCategory.values().length];
  public List<String> incidentIds = new ArrayList<>();
  public double[] probabilitySums = new double[CrimeCategory.values().length];
  public double surpriseSum;

  public CellWindowAccumulator() {}
}
