package io.hotwatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.geo.CellIndex;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keys of cells and their cached rings against H3 itself, at the resolutions the project uses. */
class CellRingsTest {

  @Test
  void keysAreOneToOneAndRingsAreH3sDisksAsKeys() {
    for (int resolution : new int[] {7, 8, 9, 15}) {
      CellRings rings = new CellRings(resolution, 1);
      String cell = new CellIndex(resolution).cellOf(41.8781, -87.6298);
      long id = CellIndex.idOf(cell);
      long key = rings.keyOf(id);
      assertThat(rings.cellOf(key)).isEqualTo(id);

      List<String> disk = CellIndex.disk(cell, 1);
      long[] ring = rings.around(key);
      Set<String> fromKeys = new HashSet<>();
      Arrays.stream(ring).forEach(k -> fromKeys.add(CellIndex.addressOf(rings.cellOf(k))));
      assertThat(fromKeys).containsExactlyInAnyOrderElementsOf(disk);
      assertThat(rings.around(key)).as("kept").isSameAs(ring);
    }
  }

  @Test
  void keysOfNearbyCellsSpreadOverHashBuckets() {
    // the cells of a city: their keys' hash codes differ in their lowest bits, their H3 indexes' mostly do not
    CellRings rings = new CellRings(8, 1);
    long centre = new CellIndex(8).cellIdOf(41.8781, -87.6298);
    long[] city = CellIndex.disk(centre, 20);
    Set<Integer> keyBuckets = new HashSet<>();
    Set<Integer> indexBuckets = new HashSet<>();
    for (long cell : city) {
      keyBuckets.add(bucket(Long.hashCode(rings.keyOf(cell))));
      indexBuckets.add(bucket(Long.hashCode(cell)));
    }
    assertThat(keyBuckets.size()).isGreaterThan(city.length / 2);
    assertThat(indexBuckets.size()).isLessThan(city.length / 8);
  }

  @Test
  void staysBounded() {
    CellRings rings = new CellRings(8, 1);
    long[] many = CellIndex.disk(new CellIndex(8).cellIdOf(41.8781, -87.6298), 110);
    assertThat(many.length).isGreaterThan(CellRings.MAX_CELLS);
    for (long cell : many) {
      rings.around(rings.keyOf(cell));
    }
    assertThat(rings.size()).isBetween(1, CellRings.MAX_CELLS);
  }

  /** The bucket HashMap picks in a table of 2048. */
  private static int bucket(int hash) {
    return (hash ^ (hash >>> 16)) & 2047;
  }
}
