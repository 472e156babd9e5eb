package io.hotwatch.flink.files;

import io.hotwatch.core.event.Incident;
import java.time.Instant;
import java.util.Arrays;

/**
 * Incidents held as columns of primitives and shared Strings until they are emitted. A year of incidents kept as
 * objects (each with its id String and two Instants) is millions of live objects that every young garbage collection
 * copies; as columns they are a few arrays, and the incident objects are made again as they leave, and die young.
 */
final class IncidentColumns {

  private static final int NO_TIME = -1; // in a nanos column: the time is null

  private int size;
  private char[] idChars = new char[1 << 12];
  private int idLength;
  private int[] idEnds = new int[256];
  private long[] occurredSeconds = new long[256];
  private int[] occurredNanos = new int[256];
  private long[] reportedSeconds = new long[256];
  private int[] reportedNanos = new int[256];
  private double[] latitudes = new double[256];
  private double[] longitudes = new double[256];
  // the remaining columns are few distinct values (shared by the parser's pools), so an array of references is cheap
  private String[][] texts = new String[7][256];

  int size() {
    return size;
  }

  void add(Incident incident) {
    if (size == idEnds.length) {
      grow();
    }
    String id = incident.id();
    if (idLength + id.length() > idChars.length) {
      idChars = Arrays.copyOf(idChars, Math.max(idChars.length * 2, idLength + id.length()));
    }
    id.getChars(0, id.length(), idChars, idLength);
    idLength += id.length();
    idEnds[size] = idLength;
    occurredSeconds[size] = incident.occurredAt().getEpochSecond();
    occurredNanos[size] = incident.occurredAt().getNano();
    Instant reported = incident.reportedAt();
    reportedSeconds[size] = reported == null ? 0 : reported.getEpochSecond();
    reportedNanos[size] = reported == null ? NO_TIME : reported.getNano();
    latitudes[size] = incident.latitude();
    longitudes[size] = incident.longitude();
    texts[0][size] = incident.source();
    texts[1][size] = incident.category();
    texts[2][size] = incident.originalCategory();
    texts[3][size] = incident.description();
    texts[4][size] = incident.district();
    texts[5][size] = incident.beat();
    texts[6][size] = incident.locationType();
    size++;
  }

  /** The incident in row {@code row}, made anew (equal to the one added). */
  Incident get(int row) {
    int idStart = row == 0 ? 0 : idEnds[row - 1];
    return new Incident(
        new String(idChars, idStart, idEnds[row] - idStart),
        texts[0][row],
        Instant.ofEpochSecond(occurredSeconds[row], occurredNanos[row]),
        reportedNanos[row] == NO_TIME ? null : Instant.ofEpochSecond(reportedSeconds[row], reportedNanos[row]),
        latitudes[row],
        longitudes[row],
        texts[1][row],
        texts[2][row],
        texts[3][row],
        texts[4][row],
        texts[5][row],
        texts[6][row]);
  }

  long occurredSecond(int row) {
    return occurredSeconds[row];
  }

  int occurredNano(int row) {
    return occurredNanos[row];
  }

  private void grow() {
    int capacity = size * 2;
    idEnds = Arrays.copyOf(idEnds, capacity);
    occurredSeconds = Arrays.copyOf(occurredSeconds, capacity);
    occurredNanos = Arrays.copyOf(occurredNanos, capacity);
    reportedSeconds = Arrays.copyOf(reportedSeconds, capacity);
    reportedNanos = Arrays.copyOf(reportedNanos, capacity);
    latitudes = Arrays.copyOf(latitudes, capacity);
    longitudes = Arrays.copyOf(longitudes, capacity);
    for (int c = 0; c < texts.length; c++) {
      texts[c] = Arrays.copyOf(texts[c], capacity);
    }
  }
}
