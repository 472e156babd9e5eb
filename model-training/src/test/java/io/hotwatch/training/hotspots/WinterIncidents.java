package io.hotwatch.training.hotspots;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.model.BaselineRates;
import io.hotwatch.training.IncidentCorpus;
import io.hotwatch.training.RealData;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Real Chicago incidents of two winters, read once for the tests of the ranking's parts: January to March 2016 (the
 * baseline's range) and January to February 2017 (the stream the parts are computed from).
 */
final class WinterIncidents {

  static final Instant BASELINE_FROM = chicagoMidnight(2016, 1, 1);
  static final Instant BASELINE_TO = chicagoMidnight(2016, 4, 1);
  static final Instant STREAM_FROM = chicagoMidnight(2017, 1, 1);
  static final Instant STREAM_TO = chicagoMidnight(2017, 3, 1);

  private static List<Incident> incidents;

  private WinterIncidents() {}

  static synchronized List<Incident> all() throws IOException {
    if (incidents == null) {
      List<Incident> both = new ArrayList<>();
      both.addAll(IncidentCorpus.read(List.of(RealData.chicagoCrimes(2016)), BASELINE_FROM, BASELINE_TO).incidents());
      both.addAll(IncidentCorpus.read(List.of(RealData.chicagoCrimes(2017)), STREAM_FROM, STREAM_TO).incidents());
      incidents = List.copyOf(both);
    }
    return incidents;
  }

  static BaselineRates baseline() throws IOException {
    return BaselineRates.fit(all().stream(), 8, BASELINE_FROM, BASELINE_TO);
  }

  static Instant chicagoMidnight(int year, int month, int day) {
    return LocalDate.of(year, month, day).atStartOfDay(BaselineRates.ZONE).toInstant();
  }
}
