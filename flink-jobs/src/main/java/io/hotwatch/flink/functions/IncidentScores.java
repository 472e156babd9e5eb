package io.hotwatch.flink.functions;

import io.hotwatch.core.event.CategoryProbability;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.event.ModelStamp;
import io.hotwatch.core.taxonomy.CrimeCategory;
import io.hotwatch.flink.event.IncidentDelta;
import io.hotwatch.flink.event.ScoredIncident;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;

/**
 * Every incident version the job counts, as the {@link IncidentScore} the scored-incidents topic carries: its top
 * categories, the probability of what was reported and the surprise, stamped with the model that scored it.
 *
 * <p>It reads the deltas rather than the scorer's output so that a byte-identical repeat (already dropped by
 * {@link IncidentVersions}) is not published twice, and a re-report is published once, as its new version.
 */
public final class IncidentScores extends RichFlatMapFunction<IncidentDelta, IncidentScore> {

  private static final long serialVersionUID = 1L;

  /** Metric: scored incidents published. */
  public static final String PUBLISHED_METRIC = "scoredIncidentsPublished";

  private final String modelDir;
  private transient ModelStamp model;
  private transient Counter published;

  /** {@code modelDir} is the artifact the scorer loads, read here for its stamp. */
  public IncidentScores(String modelDir) {
    this.modelDir = modelDir;
  }

  @Override
  public void open(OpenContext context) throws Exception {
    // read where the scorer runs, from the file it loaded: the stamp says what scored the incidents, not what the
    // client saw
    model = ModelStamp.read(Path.of(modelDir));
    published = getRuntimeContext().getMetricGroup().counter(PUBLISHED_METRIC);
  }

  @Override
  public void flatMap(IncidentDelta delta, Collector<IncidentScore> out) {
    if (delta.retraction()) {
      return; // the re-report that retracted it follows as an addition under the same key
    }
    out.collect(of(delta.incident(), model));
    published.inc();
  }

  /** The event of one scored incident. */
  public static IncidentScore of(ScoredIncident scored, ModelStamp model) {
    Incident incident = scored.incident();
    return new IncidentScore(
        IncidentScore.KIND, incident.id(), incident.source(), incident.occurredAt(), incident.latitude(),
        incident.longitude(), scored.cellId(), incident.district(), incident.beat(), incident.category(),
        scored.probability(CrimeCategory.parse(incident.category())),
        CategoryProbability.top(scored.probabilities(), IncidentScore.TOP), scored.surprise(), model);
  }
}
