package io.hotwatch.training.hotspots;

/** A way to rank the area's cells for a coming period from the incidents before it. */
interface CellForecaster {

  /** Takes in incident {@code i} of the timeline; incidents come in time order, each before the period scored next. */
  void observe(int i);

  /** A score per area cell for the period; higher means more incidents expected. */
  double[] scores(Period period);
}
