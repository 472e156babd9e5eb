package io.hotwatch.core.features;

/**
 * Where {@link LocalHistory} keeps its cells and the cell of each incident id: maps in memory for training and
 * evaluation ({@link LocalHistory.InMemory}), keyed state in the streaming job. Cells are given by their keys
 * ({@link LocalHistory#keyOf}). A cell's history is changed in place and then put back, so that a store that
 * serializes its values sees the change. Methods may throw what the store's backend throws.
 */
public interface HistoryStore {

  /** Returned by {@link #cellOfIncident} for an id that has no entry: 0 is the key of no valid H3 cell. */
  long NO_CELL = 0L;

  /** The history of the cell of key {@code cell}, or null when nothing is kept for it. */
  CellHistory cell(long cell) throws Exception;

  void putCell(long cell, CellHistory history) throws Exception;

  void removeCell(long cell) throws Exception;

  /** The key of the cell the latest kept version of an incident id was recorded in, or {@link #NO_CELL}. */
  long cellOfIncident(String incidentId) throws Exception;

  void putIncident(String incidentId, long cell) throws Exception;

  void removeIncident(String incidentId) throws Exception;
}
