package io.hotwatch.flink.functions;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.flink.event.IncidentInCell;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/** Places each incident in its H3 cell at the job's resolution. */
public final class CellAssigner extends RichMapFunction<Incident, IncidentInCell> {

  private static final long serialVersionUID = 1L;

  private final int resolution;
  private transient CellIndex cells;

  private CellAssigner(int resolution) {
    this.resolution = resolution;
  }

  /**
   * A cell assigner whose cells the baseline has rates for: the observed counts and the expected counts must be of the
   * same cells, so a resolution other than the baseline's is refused here, before the job starts.
   */
  public static CellAssigner matching(BaselineRates baseline, int resolution) {
    if (resolution != baseline.resolution()) {
      throw new IllegalArgumentException(
          "H3 resolution "
              + resolution
              + " does not match the baseline's resolution "
              + baseline.resolution()
              + ": observed and expected counts would be of different cells; use resolution "
              + baseline.resolution()
              + " or a model artifact fitted at "
              + resolution);
    }
    return new CellAssigner(resolution);
  }

  @Override
  public void open(OpenContext openContext) {
    cells = new CellIndex(resolution);
  }

  @Override
  public IncidentInCell map(Incident incident) {
    return new IncidentInCell(cells.cellOf(incident.latitude(), incident.longitude()), incident);
  }
}
