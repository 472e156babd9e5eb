package io.hotwatch.flink.event;

import io.hotwatch.core.event.Incident;

/**
 * An incident sent to one area whose local history it belongs to: the area of its own cell, where it is scored, or a
 * neighbouring area that one of the six cells around it falls in, where it only joins the history.
 *
 * @param area the H3 area (coarse cell) the record is keyed by
 * @param cellId the incident's H3 cell at the job's resolution
 * @param incident the incident
 * @param scored true in the area of the incident's own cell: there it is scored; false elsewhere
 */
public record IncidentInArea(String area, String cellId, Incident incident, boolean scored) {}
