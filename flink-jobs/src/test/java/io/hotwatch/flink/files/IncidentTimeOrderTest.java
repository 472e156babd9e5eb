package io.hotwatch.flink.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The primitive-key sort gives exactly the stable sort by time, ties in their given order. */
class IncidentTimeOrderTest {

  private static final long JULY_2017 = 1_498_885_200L;

  @Test
  void wholeSecondTimesSortAsAStableSortWould() {
    long[] seconds = seconds(5_000);
    int[] nanos = new int[seconds.length];
    assertThat(IncidentTimeOrder.order(seconds, nanos)).containsExactly(stableOrder(seconds, nanos));
  }

  @Test
  void timesWithFractionsOfASecondFallBackToTheStableSortOfPositions() {
    long[] seconds = seconds(2_000);
    Random random = new Random(5);
    int[] nanos = IntStream.range(0, seconds.length)
        .map(i -> random.nextInt(10) == 0 ? 1 + random.nextInt(999_999_999) : 0)
        .toArray();
    assertThat(IncidentTimeOrder.order(seconds, nanos)).containsExactly(stableOrder(seconds, nanos));
  }

  @Test
  void timesSpanningAnyRangeStillSort() {
    long[] seconds = seconds(100);
    seconds[3] = Long.MIN_VALUE / 2;
    seconds[7] = Long.MAX_VALUE / 2;
    int[] nanos = new int[seconds.length];
    assertThat(IncidentTimeOrder.order(seconds, nanos)).containsExactly(stableOrder(seconds, nanos));
    assertThat(IncidentTimeOrder.order(new long[] {JULY_2017}, new int[1])).containsExactly(0);
    assertThat(IncidentTimeOrder.order(new long[0], new int[0])).isEmpty();
  }

  private static int[] stableOrder(long[] seconds, int[] nanos) {
    List<Integer> positions = IntStream.range(0, seconds.length).boxed().toList();
    return positions.stream()
        .sorted(Comparator.<Integer>comparingLong(i -> seconds[i]).thenComparingInt(i -> nanos[i]))
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Few distinct minutes, so that many positions share a time. */
  private static long[] seconds(int n) {
    Random random = new Random(11);
    return IntStream.range(0, n).mapToLong(i -> JULY_2017 + 60L * random.nextInt(50)).toArray();
  }
}
