package io.hotwatch.core.event;

import java.time.Instant;
import java.util.List;

/**
 * One incident as the category model scored it in the job: where and when it happened, what was reported, what the
 * model expected there (its three likeliest categories) and how surprising the report was. Published to the
 * {@code scored-incidents} topic, keyed by incident id; a re-report publishes its new version under the same key.
 *
 * @param kind always {@value #KIND}
 * @param incidentId the incident's id
 * @param source data set the incident came from, e.g. {@code chicago-crimes}
 * @param occurredAt when it happened (event time)
 * @param latitude WGS84 latitude in degrees
 * @param longitude WGS84 longitude in degrees
 * @param cell the H3 cell it was counted in
 * @param district police district as reported; may be empty
 * @param beat police beat as reported; may be empty
 * @param category the reported category ({@link io.hotwatch.core.taxonomy.CrimeCategory})
 * @param probability the model's probability of the reported category
 * @param top the model's three likeliest categories, highest first
 * @param surprise -ln p(reported category), p floored at 1e-6: 0 when the model was certain and right
 * @param model which model gave the scores
 */
public record IncidentScore(
    String kind,
    String incidentId,
    String source,
    Instant occurredAt,
    double latitude,
    double longitude,
    String cell,
    String district,
    String beat,
    String category,
    double probability,
    List<CategoryProbability> top,
    double surprise,
    ModelStamp model) {

  public static final String KIND = "scored-incident";

  /** How many of the likeliest categories an event carries. */
  public static final int TOP = 3;
}
