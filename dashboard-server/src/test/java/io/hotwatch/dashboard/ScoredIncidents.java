package io.hotwatch.dashboard;

import io.hotwatch.core.event.CategoryProbability;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.event.ModelStamp;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.model.CategoryModel;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Scored incidents as the job publishes them, made here without Flink (the server must not depend on the job): real
 * incidents of the bundled month scored by the bundled model in the context training builds, which the job's own test
 * shows is what the job gives them.
 */
public final class ScoredIncidents {

  private static final Path HOME = Path.of(System.getProperty("hotwatch.home", ".."));
  private static final Path MONTH = HOME.resolve("deploy/demo/data/chicago_crimes_2017-07.csv.gz");
  private static final Path MODEL = HOME.resolve("deploy/demo/model");

  private ScoredIncidents() {}

  /**
   * The incidents that occurred in [from, to), in time order, scored with the local history of the day before
   * {@code from} and of those before them.
   */
  public static List<IncidentScore> between(Instant from, Instant to) throws IOException {
    List<Incident> incidents;
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(MONTH)) {
      incidents = rows.filter(ParsedRow::isOk)
          .map(ParsedRow::value)
          .filter(i -> !i.occurredAt().isBefore(from.minusSeconds(86_400)) && i.occurredAt().isBefore(to))
          .sorted(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id))
          .toList();
    }
    CategoryModel model = CategoryModel.load(MODEL);
    ModelStamp stamp = ModelStamp.read(MODEL);
    List<IncidentContext> contexts =
        model.contexts(incidents).stream().filter(c -> !c.incident().occurredAt().isBefore(from)).toList();
    float[][] outputs = model.predictInContext(contexts);
    List<IncidentScore> scores = new ArrayList<>();
    for (int i = 0; i < contexts.size(); i++) {
      IncidentContext context = contexts.get(i);
      float[] byOrdinal = new float[CrimeCategory.values().length];
      for (int o = 0; o < outputs[i].length; o++) {
        byOrdinal[CrimeCategory.parse(model.categories().get(o)).ordinal()] = outputs[i][o];
      }
      Incident incident = context.incident();
      double p = byOrdinal[CrimeCategory.parse(incident.category()).ordinal()];
      scores.add(new IncidentScore(
          IncidentScore.KIND, incident.id(), incident.source(), incident.occurredAt(), incident.latitude(),
          incident.longitude(), context.cell(), incident.district(), incident.beat(), incident.category(), p,
          CategoryProbability.top(byOrdinal, IncidentScore.TOP), -Math.log(Math.max(p, 1e-6)), stamp));
    }
    return scores;
  }
}
