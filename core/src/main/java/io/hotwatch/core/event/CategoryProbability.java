package io.hotwatch.core.event;

import io.hotwatch.core.taxonomy.CrimeCategory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A category with the probability a model gives it.
 *
 * @param category a {@link CrimeCategory} name
 * @param probability in [0, 1]
 */
public record CategoryProbability(String category, double probability) {

  /**
   * The {@code n} likeliest categories of {@code byOrdinal} (probabilities indexed by {@link CrimeCategory#ordinal()}),
   * highest first; ties go to the category listed first in the taxonomy, so the order is the same on every run.
   */
  public static List<CategoryProbability> top(float[] byOrdinal, int n) {
    CrimeCategory[] categories = CrimeCategory.values();
    if (byOrdinal.length != categories.length) {
      throw new IllegalArgumentException(
          byOrdinal.length + " probabilities for " + categories.length + " categories");
    }
    List<CrimeCategory> order = new ArrayList<>(List.of(categories));
    order.sort(Comparator.comparingDouble((CrimeCategory c) -> -byOrdinal[c.ordinal()]));
    List<CategoryProbability> top = new ArrayList<>(n);
    for (CrimeCategory c : order.subList(0, Math.min(n, order.size()))) {
      top.add(new CategoryProbability(c.name(), byOrdinal[c.ordinal()]));
    }
    return List.copyOf(top);
  }
}
