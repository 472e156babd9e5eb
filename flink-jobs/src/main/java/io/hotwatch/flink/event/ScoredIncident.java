package io.hotwatch.flink.event;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.taxonomy.CrimeCategory;

/**
 * An incident in its cell with the category model's forecast for it.
 *
 * @param cellId H3 cell address (hex) at the job's resolution
 * @param incident the incident
 * @param probabilities the model's probability per category, indexed by {@link CrimeCategory#ordinal()}; categories the
 *     model does not know have probability 0
 * @param surprise -ln p(actual category): 0 when the model was certain and right, large when the category was
 *     unexpected for the report's features
 */
public record ScoredIncident(String cellId, Incident incident, float[] probabilities, double surprise) {

  /** The model's probability for one category. */
  public float probability(CrimeCategory category) {
    return probabilities[category.ordinal()];
  }
}
