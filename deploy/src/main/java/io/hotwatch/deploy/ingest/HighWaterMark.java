package io.hotwatch.deploy.ingest;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;

/**
 * How far an ingest has come: the last row produced in the source's order, {@code :updated_at} then {@code :id}. The
 * next page starts strictly after it, so a row is read again only when the source updates it again.
 *
 * @param updatedAt the row's {@code :updated_at}
 * @param rowId the row's {@code :id} (Socrata's own row identifier, not the data set's ID column)
 */
public record HighWaterMark(Instant updatedAt, String rowId) implements Comparable<HighWaterMark> {

  /** SoQL timestamps: millisecond precision, UTC, written without a zone as Socrata's own examples write them. */
  private static final DateTimeFormatter SOQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private static final Comparator<HighWaterMark> ORDER =
      Comparator.comparing(HighWaterMark::updatedAt).thenComparing(HighWaterMark::rowId);

  public HighWaterMark {
    if (updatedAt == null || rowId == null) {
      throw new IllegalArgumentException("a high-water mark needs both :updated_at and :id");
    }
  }

  /** The mark just before every row updated at or after {@code since} (every row id is after the empty one). */
  public static HighWaterMark before(Instant since) {
    return new HighWaterMark(since, "");
  }

  /** The SoQL condition for the rows after this mark in (:updated_at, :id) order. */
  public String soqlAfter() {
    String time = quoted(SOQL_TIME.format(updatedAt));
    return ":updated_at > " + time + " OR (:updated_at = " + time + " AND :id > " + quoted(rowId) + ")";
  }

  @Override
  public int compareTo(HighWaterMark other) {
    return ORDER.compare(this, other);
  }

  /** {@code 2018-02-10T21:50:01Z row-abcd.efgh_ijkm}, as logs and errors name the mark. */
  @Override
  public String toString() {
    return updatedAt + " " + rowId;
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
