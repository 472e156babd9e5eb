package io.hotwatch.dashboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hotwatch.dashboard.alerting.District;
import io.hotwatch.dashboard.alerting.PoliceDistricts;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The query of the socket's upgrade request, checked against the police districts the page draws. */
class ConnectRequestTest {

  private static final Set<String> DISTRICTS =
      new PoliceDistricts().all().stream().map(District::number).collect(Collectors.toUnmodifiableSet());

  @Test
  void readsFiltersAndResumePoint() {
    ConnectRequest request = parse(Map.of(
        "districts", "007,1", "categories", "THEFT,ROBBERY", "bbox", "-87.7,41.75,-87.6,41.8",
        "since", "42", "stream", "abc"));
    assertThat(request.subscription().districts()).containsExactlyInAnyOrder("7", "1");
    assertThat(request.subscription().categories()).containsExactlyInAnyOrder("THEFT", "ROBBERY");
    assertThat(request.subscription().bbox()).isEqualTo(new Bounds(-87.7, 41.75, -87.6, 41.8));
    assertThat(request.since()).isEqualTo(42);
    assertThat(request.stream()).isEqualTo("abc");
    assertThat(parse(Map.of()).subscription()).isEqualTo(Subscription.EVERYTHING);
    assertThat(request.subscription().incidents()).isFalse();
    assertThat(parse(Map.of("incidents", "true")).subscription().incidents()).isTrue();
    assertThat(parse(Map.of("incidents", "false")).subscription().incidents()).isFalse();
  }

  @Test
  void eachRejectionNamesTheParameterAndTheValue() {
    assertRejected(Map.of("bbox", "-87.6,41.75,-87.7,41.8"), "bbox: '-87.6,41.75,-87.7,41.8' has west > east");
    assertRejected(Map.of("bbox", "-87.7,41.75,north,41.8"), "bbox: 'north'");
    assertRejected(Map.of("bbox", "-87.7,91,-87.6,92"), "outside [-180, 180] x [-90, 90]");
    assertRejected(Map.of("districts", "1,,7"), "districts: '1,,7' has an empty item");
    assertRejected(Map.of("districts", "13"), "districts: '13' is not a police district");
    assertRejected(Map.of("categories", "theft"), "categories: 'theft' is not one of");
    assertRejected(Map.of("since", "-1"), "since: -1 is negative");
    assertRejected(Map.of("stream", "abc"), "stream: given without since");
    assertRejected(Map.of("district", "1"), "unknown parameter 'district'");
    assertRejected(Map.of("incidents", "yes"), "incidents: 'yes' is not true or false");
    assertThatThrownBy(() -> ConnectRequest.parse(Map.of("since", List.of("1", "2")), DISTRICTS))
        .hasMessage("since: given 2 times; give it once");
  }

  @Test
  void aFilterLetsThroughMessagesWithoutTheAttributeAndThoseSharingAValue() {
    Subscription loop = parse(Map.of("districts", "1", "bbox", "-87.64,41.87,-87.62,41.89")).subscription();
    assertThat(loop.matches(Scope.UNSCOPED)).isTrue();
    assertThat(loop.matches(new Scope(Set.of("1", "18"), Set.of("THEFT"), null))).isTrue();
    assertThat(loop.matches(new Scope(Set.of("18"), null, null))).isFalse();
    assertThat(loop.matches(new Scope(Set.of("1"), null, new Bounds(-87.70, 41.70, -87.65, 41.75)))).isFalse();
    assertThat(loop.matches(new Scope(null, null, new Bounds(-87.63, 41.80, -87.60, 41.871)))).isTrue();
  }

  @Test
  void anIncidentGoesOnlyToClientsThatAskedForIncidentsAndPassesTheirFilters() {
    Scope theftInTheLoop = new Scope(Set.of("1"), Set.of("THEFT"), new Bounds(-87.63, 41.88, -87.63, 41.88), true);
    assertThat(Subscription.EVERYTHING.matches(theftInTheLoop)).isFalse();
    assertThat(parse(Map.of("incidents", "true")).subscription().matches(theftInTheLoop)).isTrue();
    assertThat(parse(Map.of("incidents", "true", "categories", "THEFT", "districts", "1")).subscription()
        .matches(theftInTheLoop)).isTrue();
    assertThat(parse(Map.of("incidents", "true", "categories", "ROBBERY")).subscription().matches(theftInTheLoop))
        .isFalse();
    assertThat(parse(Map.of("incidents", "true", "bbox", "-87.70,41.75,-87.65,41.80")).subscription()
        .matches(theftInTheLoop)).isFalse();
    // a hotspot event whose scope joined an incident's would still be an incident's: union keeps the mark
    assertThat(new Scope(Set.of("1"), null, null).union(theftInTheLoop).incident()).isTrue();
  }

  private static ConnectRequest parse(Map<String, String> query) {
    Map<String, List<String>> parameters = new java.util.HashMap<>();
    query.forEach((name, value) -> parameters.put(name, List.of(value)));
    return ConnectRequest.parse(parameters, DISTRICTS);
  }

  private static void assertRejected(Map<String, String> query, String message) {
    assertThatThrownBy(() -> parse(query)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
  }
}
