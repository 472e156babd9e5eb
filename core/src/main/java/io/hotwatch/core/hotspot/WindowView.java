package io.hotwatch.core.hotspot;

/** What the scan sees of one window at one step: counts and baseline expectations per cell, and the city totals. */
interface WindowView {

  /** Receives a cell with its count and expectation. */
  interface CellVisitor {
    void visit(String cell, int observed, double expected);
  }

  /**
   * Visits the cells with at least {@code minObserved} incidents in the window (at least one); only cells with
   * incidents can be part of a cluster. One pass without lookups by cell: this runs for every cell every step.
   */
  void forEachCell(int minObserved, CellVisitor visitor);

  int observed(String cell);

  double expected(String cell);

  long total();

  double totalExpected();
}
