package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReplayWindowTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @Test
  void datesAreWholeDaysInTheDataSetsZone() {
    ReplayWindow july4 = ReplayWindow.parse("2017-07-04", "2017-07-04");
    // Chicago is UTC-5 in July.
    assertThat(july4.contains(Instant.parse("2017-07-04T05:00:00Z"), CHICAGO)).isTrue();
    assertThat(july4.contains(Instant.parse("2017-07-05T04:59:59Z"), CHICAGO)).isTrue();
    assertThat(july4.contains(Instant.parse("2017-07-04T04:59:59Z"), CHICAGO)).isFalse();
    assertThat(july4.contains(Instant.parse("2017-07-05T05:00:00Z"), CHICAGO)).isFalse();
    // The same dates read in UTC for a worldwide data set.
    assertThat(july4.contains(Instant.parse("2017-07-04T00:00:00Z"), ZoneOffset.UTC)).isTrue();
    assertThat(july4.contains(Instant.parse("2017-07-05T00:00:00Z"), ZoneOffset.UTC)).isFalse();
  }

  @Test
  void dateTimesAreLocalUnlessTheyCarryAnOffset() {
    ReplayWindow evening = ReplayWindow.parse("2017-07-04T18:00", "2017-07-04T23:00:00Z");
    assertThat(evening.contains(Instant.parse("2017-07-04T23:00:00Z"), CHICAGO)).as("18:00 CDT is 23:00Z").isFalse();
    assertThat(evening.contains(Instant.parse("2017-07-04T22:59:59Z"), CHICAGO)).isFalse();
    ReplayWindow open = ReplayWindow.parse("2017-07-04T18:00", null);
    assertThat(open.contains(Instant.parse("2017-07-04T23:00:00Z"), CHICAGO)).isTrue();
    assertThat(open.contains(Instant.parse("2030-01-01T00:00:00Z"), CHICAGO)).isTrue();
    assertThat(ReplayWindow.parse(null, " ").isAll()).isTrue();
  }

  @Test
  void badBoundsAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> ReplayWindow.parse("2017-13-01", null))
        .hasMessageStartingWith("--from '2017-13-01' is not an ISO date");
    assertThatThrownBy(() -> ReplayWindow.parse(null, "yesterday")).hasMessageStartingWith("--to 'yesterday'");
    assertThatThrownBy(() -> ReplayWindow.parse("2017-07-05", "2017-07-04T12:00"))
        .hasMessage("--from 2017-07-05 is not before --to 2017-07-04T12:00");
  }
}
