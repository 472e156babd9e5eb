package io.hotwatch.core.features;

import io.hotwatch.core.event.Incident;

/**
 * An incident with what is known around it when it is reported: the H3 cell it lies in and the local-history features
 * {@link LocalHistory} computed for it from the incidents before it.
 *
 * @param incident the incident
 * @param cell its H3 cell at {@link LocalHistory#resolution()}
 * @param history {@link LocalHistory#width()} features: recent counts around the cell
 */
public record IncidentContext(Incident incident, String cell, float[] history) {}
