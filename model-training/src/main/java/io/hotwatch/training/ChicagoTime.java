package io.hotwatch.training;

import io.hotwatch.core.source.ChicagoCrimeReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a command-line time: a date (midnight in Chicago, where the data lives) or an ISO-8601 instant. */
final class ChicagoTime implements ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ChicagoCrimeReader.ZONE).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new TypeConversionException(
          "'" + value + "' is neither a date (2017-01-01) nor an instant (2017-01-01T06:00:00Z)");
    }
  }

  /** Midnight in Chicago at the start of the instant's day. */
  static Instant startOfDay(Instant instant) {
    return instant.atZone(ChicagoCrimeReader.ZONE).toLocalDate().atStartOfDay(ChicagoCrimeReader.ZONE).toInstant();
  }

  /** Midnight in Chicago at the end of the instant's day. */
  static Instant endOfDay(Instant instant) {
    return instant.atZone(ChicagoCrimeReader.ZONE).toLocalDate().plusDays(1).atStartOfDay(ChicagoCrimeReader.ZONE).toInstant();
  }
}
