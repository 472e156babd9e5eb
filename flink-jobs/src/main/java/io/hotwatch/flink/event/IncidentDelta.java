package io.hotwatch.flink.event;

/**
 * One change to the set of incidents the engine counts: a new incident, or a re-reported one that retracts the
 * version counted before. A re-report is sent as the retraction of the old version followed by the new version, so
 * that an operator keyed by anything the report changed (cell, district, category) takes it out where it was counted.
 *
 * @param incident the incident version this change is about
 * @param retraction true when this version leaves the count, false when it joins it
 */
public record IncidentDelta(ScoredIncident incident, boolean retraction) {

  public static IncidentDelta add(ScoredIncident incident) {
    return new IncidentDelta(incident, false);
  }

  public static IncidentDelta retract(ScoredIncident incident) {
    return new IncidentDelta(incident, true);
  }

  /** +1 for an incident joining the count, -1 for one leaving it. */
  public int sign() {
    return retraction ? -1 : 1;
  }
}
