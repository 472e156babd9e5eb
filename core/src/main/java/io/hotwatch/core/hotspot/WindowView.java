package io.hotwatch.core.hotspot;

import java.util.Collection;

/** What the scan sees of one window at one step: counts and baseline expectations per cell, and the city totals. */
interface WindowView {

  /** Cells with at least one incident in the window; only these can be part of a cluster. */
  Collection<String> cellsWithCounts();

  int observed(String cell);

  double expected(String cell);

  long total();

  double totalExpected();
}
