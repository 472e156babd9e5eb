package io.hotwatch.core.source;

import io.hotwatch.core.event.Incident;

/** Receives an incident file's rows as they are parsed, without a {@link ParsedRow} or raw text per valid row. */
public interface IncidentRowSink {

  /** A valid row; {@code line} is its 1-based record number (header excluded), as in {@link ParsedRow#line()}. */
  void incident(long line, Incident incident);

  /** A row that could not be parsed: why, and the row as comma-joined text (see {@link ParsedRow#raw()}). */
  void rejected(long line, String reason, String raw);
}
