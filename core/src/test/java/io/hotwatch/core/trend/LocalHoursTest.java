package io.hotwatch.core.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class LocalHoursTest {

  private static final LocalHours CHICAGO = LocalHours.CHICAGO;

  private static long hourOf(String instant) {
    return LocalHours.epochHour(Instant.parse(instant).toEpochMilli());
  }

  @Test
  void hoursOfTheWeekStartOnMondayMidnightInChicago() {
    // Monday 2017-07-03 00:00 CDT (UTC-5) and Sunday 2017-01-08 23:00 CST (UTC-6)
    assertThat(LocalHours.hourOfWeek(CHICAGO.localHour(hourOf("2017-07-03T05:00:00Z")))).isZero();
    assertThat(LocalHours.hourOfWeek(CHICAGO.localHour(hourOf("2017-01-09T05:00:00Z")))).isEqualTo(167);
    // Wednesday 14:00 CDT = 2 * 24 + 14
    assertThat(LocalHours.hourOfWeek(CHICAGO.localHour(hourOf("2017-07-05T19:00:00Z")))).isEqualTo(62);
  }

  @Test
  void localDaysFollowDaylightSavingTime() {
    long spring = CHICAGO.dayStart(hourOf("2017-03-12T12:00:00Z"));
    long autumn = CHICAGO.dayStart(hourOf("2017-11-05T12:00:00Z"));

    assertThat(LocalHours.instantOfHour(spring)).isEqualTo(Instant.parse("2017-03-12T06:00:00Z"));
    assertThat(CHICAGO.plusDays(spring, 1) - spring).isEqualTo(23);
    assertThat(CHICAGO.plusDays(autumn, 1) - autumn).isEqualTo(25);
    assertThat(CHICAGO.plusDays(autumn, -28)).isEqualTo(hourOf("2017-10-08T05:00:00Z"));
  }

  @Test
  void theNextDayStartIsStrictlyLater() {
    long midnight = hourOf("2017-07-04T05:00:00Z");
    assertThat(CHICAGO.nextDayStart(midnight * LocalHours.MILLIS_PER_HOUR)).isEqualTo(midnight + 24);
    assertThat(CHICAGO.nextDayStart(midnight * LocalHours.MILLIS_PER_HOUR - 1)).isEqualTo(midnight);
  }

  @Test
  void aRunOfHoursAcrossBothTransitionsMatchesJavaTimeHourByHour() {
    long first = hourOf("2017-03-01T00:00:00Z");
    int count = 24 * 280;
    long[] local = CHICAGO.localHours(first, count);
    ZoneId zone = ZoneId.of("America/Chicago");
    for (int i = 0; i < count; i++) {
      ZonedDateTime at = LocalHours.instantOfHour(first + i).atZone(zone);
      int expectedHourOfWeek = (at.getDayOfWeek().getValue() - 1) * 24 + at.getHour();
      assertThat(LocalHours.hourOfWeek(local[i])).as("hour %s", at).isEqualTo(expectedHourOfWeek);
      assertThat(Math.floorDiv(local[i], 24)).as("day of %s", at).isEqualTo(at.toLocalDate().toEpochDay());
    }
  }

  @Test
  void refusesAZoneWithHalfHourOffsets() {
    LocalHours india = new LocalHours(ZoneId.of("Asia/Kolkata"));
    assertThatThrownBy(() -> india.localHour(0)).hasMessageContaining("not a whole number of hours");
  }
}
