package io.hotwatch.flink.event;

import io.hotwatch.core.event.Incident;

/**
 * An incident placed in its H3 cell.
 *
 * @param cellId H3 cell address (hex) at the job's resolution
 * @param incident the incident
 */
public record IncidentInCell(String cellId, Incident incident) {}
