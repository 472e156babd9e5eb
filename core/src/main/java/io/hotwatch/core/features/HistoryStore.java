package io.hotwatch.core.features;

/**
 * Where {@link LocalHistory} keeps its cells, by H3 index, and the cell of each incident id: maps in memory for
 * training and evaluation ({@link LocalHistory.InMemory}), keyed state in the streaming job. A cell's history is
 * changed in place and then put back, so that a store that serializes its values sees the change. Methods may throw
 * what the store's backend throws.
 */
public interface HistoryStore {

  /** Returned by {@link #cellOfIncident} for an id that has no entry: 0 is no valid H3 index. */
  long NO_CELL = 0L;

  /** The cell's history, or null when nothing is kept for it. */
  CellHistory cell(long cell) throws Exception;

  void putCell(long cell, CellHistory history) throws Exception;

  void removeCell(long cell) throws Exception;

  /** The cell the latest kept version of an incident id was recorded in, or {@link #NO_CELL}. */
  long cellOfIncident(String incidentId) throws Exception;

  void putIncident(String incidentId, long cell) throws Exception;

  void removeIncident(String incidentId) throws Exception;
}
