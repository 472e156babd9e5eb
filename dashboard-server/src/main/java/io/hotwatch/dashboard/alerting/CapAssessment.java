package io.hotwatch.dashboard.alerting;

import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a hotspot event reads in CAP's terms. The mapping (also in the dashboard-server README):
 *
 * <ul>
 *   <li>msgType: {@code opened} is an Alert, {@code updated} an Update, {@code closed} a Cancel.
 *   <li>severity, from the relative risk (how many times the expected rate): below 2 Minor, from 2 Moderate, from 4
 *       Severe, from 8 (or infinite) Extreme.
 *   <li>certainty, from the p-value through its recurrence interval (how often chance alone makes a cluster this
 *       strong): from a year (or beyond the calibration) Observed, from 14 days Likely, below Possible.
 *   <li>urgency, from the window the cluster stands out in: up to 6 hours Immediate (a burst to act on now), up to
 *       24 hours Expected, longer Future (a pattern for planning).
 *   <li>A closed hotspot is a Cancel with urgency Past, severity Minor and certainty Unlikely: the excess is over.
 *   <li>category: Security always (law enforcement); Rescue too when a homicide is counted.
 * </ul>
 */
public record CapAssessment(
    String msgType, String urgency, String severity, String certainty, List<String> categories) {

  /** Severities from the lowest up, as filters compare them. */
  public static final List<String> SEVERITIES = List.of("Minor", "Moderate", "Severe", "Extreme");

  public static CapAssessment of(AlertRecord record) {
    HotspotAlert alert = record.alert();
    List<String> categories = new ArrayList<>(List.of("Security"));
    if (record.categories().containsKey(CrimeCategory.HOMICIDE.name())) {
      categories.add("Rescue");
    }
    if (record.closed()) {
      return new CapAssessment("Cancel", "Past", "Minor", "Unlikely", categories);
    }
    String msgType = HotspotAlert.OPENED.equals(alert.type()) ? "Alert" : "Update";
    return new CapAssessment(msgType, urgency(alert), severity(alert.relativeRisk()), certainty(alert), categories);
  }

  static String severity(double relativeRisk) {
    if (relativeRisk >= 8) {
      return "Extreme";
    }
    if (relativeRisk >= 4) {
      return "Severe";
    }
    return relativeRisk >= 2 ? "Moderate" : "Minor";
  }

  static String certainty(HotspotAlert alert) {
    double days = alert.recurrenceIntervalDays();
    if (alert.recurrenceIsLowerBound() || days >= 365) {
      return "Observed";
    }
    return days >= 14 ? "Likely" : "Possible";
  }

  static String urgency(HotspotAlert alert) {
    Duration window = Duration.between(alert.windowStart(), alert.windowEnd());
    if (window.compareTo(Duration.ofHours(6)) <= 0) {
      return "Immediate";
    }
    return window.compareTo(Duration.ofHours(24)) <= 0 ? "Expected" : "Future";
  }

  /** The rank of a severity in {@link #SEVERITIES}, or -1 when it is not one. */
  public static int rank(String severity) {
    return SEVERITIES.indexOf(severity);
  }

  /** Most counted categories first, as {@code "THEFT 3, ROBBERY 1"}. */
  static String describe(Map<String, Long> categories) {
    return String.join(", ", categories.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> e.getKey() + " " + e.getValue())
        .toList());
  }
}
