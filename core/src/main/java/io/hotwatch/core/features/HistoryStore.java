package io.hotwatch.core.features;

/**
 * Where {@link LocalHistory} keeps its cells and the cell of each incident id: maps in memory for training and
 * evaluation ({@link LocalHistory.InMemory}), keyed state in the streaming job. Methods may throw what the store's
 * backend throws.
 */
public interface HistoryStore {

  /** The cell's history, or null when nothing is kept for it. */
  CellHistory cell(String cell) throws Exception;

  void putCell(String cell, CellHistory history) throws Exception;

  void removeCell(String cell) throws Exception;

  /** The cell the latest kept version of an incident id was recorded in, or null. */
  String cellOfIncident(String incidentId) throws Exception;

  void putIncident(String incidentId, String cell) throws Exception;

  void removeIncident(String incidentId) throws Exception;
}
