package io.hotwatch.flink.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.PoissonDistribution;
import org.apache.commons.math3.util.CombinatoricsUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HotspotRuleTest {

  @ParameterizedTest
  @CsvSource({"1, 0.3", "3, 0.4", "5, 2.5", "7, 0.4", "12, 6.0", "40, 25.0"})
  void pValueIsThePoissonUpperTail(long observed, double expected) {
    double viaCdf = 1 - new PoissonDistribution(expected).cumulativeProbability((int) observed - 1);
    assertThat(HotspotRule.pValue(observed, expected)).isCloseTo(viaCdf, within(1e-12));
  }

  @Test
  void tinyTailsKeepTheirPrecision() {
    // 30 incidents where 0.5 were expected: 1 - CDF cancels to 0, the tail itself is about 1e-49
    long k = 30;
    double lambda = 0.5;
    double tail = 0;
    for (long j = k; j < k + 60; j++) {
      tail += Math.exp(-lambda + j * Math.log(lambda) - CombinatoricsUtils.factorialLog((int) j));
    }
    assertThat(1 - new PoissonDistribution(lambda).cumulativeProbability((int) k - 1)).isZero();
    assertThat(HotspotRule.pValue(k, lambda)).isCloseTo(tail, within(tail * 1e-9)).isPositive();
  }

  @Test
  void edgeCounts() {
    assertThat(HotspotRule.pValue(0, 3.0)).isEqualTo(1.0);
    assertThat(HotspotRule.pValue(2, 0.0)).isEqualTo(0.0);
    assertThatThrownBy(() -> HotspotRule.pValue(2, -1.0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void significantNeedsBothTheCountAndTheTail() {
    HotspotRule rule = new HotspotRule(3, 1e-3);

    // 7 incidents where 0.4 were expected: p ~ 2e-7
    assertThat(rule.isSignificant(7, HotspotRule.pValue(7, 0.4))).isTrue();
    // 2 incidents where 0.001 were expected: a tiny tail, but too few incidents to call a hotspot
    assertThat(rule.isSignificant(2, HotspotRule.pValue(2, 0.001))).isFalse();
    // 6 incidents where 3 were expected: enough incidents, but p ~ 0.08
    assertThat(rule.isSignificant(6, HotspotRule.pValue(6, 3.0))).isFalse();
  }

  @Test
  void refusesNonsenseSettings() {
    assertThatThrownBy(() -> new HotspotRule(0, 1e-3)).hasMessageContaining("minCount 0");
    assertThatThrownBy(() -> new HotspotRule(3, 0)).hasMessageContaining("alpha 0.0");
    assertThatThrownBy(() -> new HotspotRule(3, 1.5)).hasMessageContaining("alpha 1.5");
  }
}
