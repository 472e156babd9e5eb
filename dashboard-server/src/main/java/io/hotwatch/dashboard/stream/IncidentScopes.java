package io.hotwatch.dashboard.stream;

import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.dashboard.alerting.District;
import io.hotwatch.dashboard.alerting.PoliceDistricts;
import java.util.Set;

/**
 * The scope of a scored incident: its district (as reported, else the one whose outline holds it), its reported
 * category (not the model's predictions: a client filtering on thefts wants reported thefts) and its position.
 */
public final class IncidentScopes {

  private final PoliceDistricts districts;

  public IncidentScopes(PoliceDistricts districts) {
    this.districts = districts;
  }

  public Scope of(IncidentScore incident) {
    Set<String> district;
    if (incident.district() != null && !incident.district().isBlank()) {
      district = Set.of(ConnectRequest.stripZeros(incident.district()));
    } else {
      district = districts.at(new GeoPoint(incident.latitude(), incident.longitude()))
          .map(District::number)
          .map(Set::of)
          .orElse(null);
    }
    Bounds at = new Bounds(incident.longitude(), incident.latitude(), incident.longitude(), incident.latitude());
    return new Scope(district, Set.of(incident.category()), at, true);
  }
}
