package io.hotwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplaySpeedTest {

  @Test
  void dividesEventTimeGapsBySpeed() {
    assertThat(ReplaySpeed.parse("60").wallNanos(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1).toNanos());
    assertThat(ReplaySpeed.parse("0.5").wallNanos(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(ReplaySpeed.parse("MAX").wallNanos(Duration.ofDays(365))).isZero();
    assertThat(ReplaySpeed.parse("max").isMax()).isTrue();
    assertThat(ReplaySpeed.parse("3600")).hasToString("3600x");
  }

  @Test
  void refusesSpeedsThatAreNotPositive() {
    assertThatThrownBy(() -> ReplaySpeed.parse("0")).hasMessageContaining("speed '0' must be a positive number");
    assertThatThrownBy(() -> ReplaySpeed.parse("-2")).hasMessageContaining("speed '-2'");
    assertThatThrownBy(() -> ReplaySpeed.parse("fast")).hasMessageContaining("speed 'fast' is neither");
    assertThatThrownBy(() -> ReplaySpeed.parse("NaN")).hasMessageContaining("speed 'NaN'");
    assertThatThrownBy(() -> ReplaySpeed.parse("Infinity")).hasMessageContaining("speed 'Infinity'");
  }
}
