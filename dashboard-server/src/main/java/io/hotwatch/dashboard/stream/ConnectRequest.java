package io.hotwatch.dashboard.stream;

import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.taxonomy.CrimeCategory;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of a {@code /ws/hotspots} upgrade: filters ({@code districts}, {@code categories}, {@code bbox}), whether
 * to send scored incidents ({@code incidents}) and where to resume ({@code since}, {@code stream}). Every rejection
 * names the parameter and the value.
 */
public record ConnectRequest(Subscription subscription, Long since, String stream) {

  private static final Set<String> PARAMETERS =
      Set.of("districts", "categories", "bbox", "since", "stream", "incidents");

  /**
   * Reads the query parameters.
   *
   * @param parameters each parameter's values, as the request carries them
   * @param knownDistricts the police districts a filter may name
   * @throws IllegalArgumentException naming the parameter and what is wrong with it
   */
  public static ConnectRequest parse(Map<String, List<String>> parameters, Set<String> knownDistricts) {
    for (String name : parameters.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new IllegalArgumentException("unknown parameter '" + name + "'; expected one of " + sorted(PARAMETERS));
      }
    }
    Set<String> districts = list(parameters, "districts");
    if (districts != null) {
      Set<String> normalised = new LinkedHashSet<>();
      for (String district : districts) {
        String number = stripZeros(district);
        if (!knownDistricts.contains(number) && !TrendEvent.CITY.equals(number)) {
          throw new IllegalArgumentException(
              "districts: '" + district + "' is not a police district (" + sorted(knownDistricts) + " or CITY)");
        }
        normalised.add(number);
      }
      districts = Set.copyOf(normalised);
    }
    Set<String> categories = list(parameters, "categories");
    if (categories != null) {
      for (String category : categories) {
        if (!TrendEvent.ALL.equals(category) && Arrays.stream(CrimeCategory.values())
            .noneMatch(c -> c.name().equals(category))) {
          throw new IllegalArgumentException("categories: '" + category + "' is not one of "
              + Arrays.toString(CrimeCategory.values()) + " or ALL");
        }
      }
    }
    String bboxText = single(parameters, "bbox");
    Bounds bbox = bboxText == null ? null : bbox(bboxText);
    String sinceText = single(parameters, "since");
    Long since = null;
    if (sinceText != null) {
      try {
        since = Long.parseLong(sinceText.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("since: '" + sinceText + "' is not a sequence number");
      }
      if (since < 0) {
        throw new IllegalArgumentException("since: " + since + " is negative");
      }
    }
    String stream = single(parameters, "stream");
    if (stream != null && since == null) {
      throw new IllegalArgumentException("stream: given without since");
    }
    return new ConnectRequest(new Subscription(districts, categories, bbox, flag(parameters, "incidents")), since,
        stream);
  }

  private static Bounds bbox(String text) {
    String[] parts = text.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("bbox: '" + text + "' is not west,south,east,north");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bbox: '" + parts[i] + "' in '" + text + "' is not a number");
      }
    }
    if (!(Math.abs(v[0]) <= 180 && Math.abs(v[2]) <= 180 && Math.abs(v[1]) <= 90 && Math.abs(v[3]) <= 90)) {
      throw new IllegalArgumentException("bbox: '" + text + "' is outside [-180, 180] x [-90, 90]");
    }
    if (v[0] > v[2] || v[1] > v[3]) {
      throw new IllegalArgumentException("bbox: '" + text + "' has west > east or south > north");
    }
    return new Bounds(v[0], v[1], v[2], v[3]);
  }

  /** {@code true} or {@code false}; absent is false. */
  private static boolean flag(Map<String, List<String>> parameters, String name) {
    String value = single(parameters, name);
    if (value == null || value.strip().equals("false")) {
      return false;
    }
    if (value.strip().equals("true")) {
      return true;
    }
    throw new IllegalArgumentException(name + ": '" + value + "' is not true or false");
  }

  private static Set<String> list(Map<String, List<String>> parameters, String name) {
    String value = single(parameters, name);
    if (value == null) {
      return null;
    }
    Set<String> values = new LinkedHashSet<>();
    for (String item : value.split(",", -1)) {
      if (item.isBlank()) {
        throw new IllegalArgumentException(name + ": '" + value + "' has an empty item");
      }
      values.add(item.strip());
    }
    return values;
  }

  private static String single(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new IllegalArgumentException(name + ": given " + values.size() + " times; give it once");
    }
    return values.get(0);
  }

  /** "016" becomes "16", as the district boundaries number them. */
  static String stripZeros(String district) {
    String d = district.strip();
    int i = 0;
    while (i < d.length() - 1 && d.charAt(i) == '0') {
      i++;
    }
    return d.substring(i);
  }

  private static String sorted(Set<String> values) {
    return values.stream().sorted((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b))
        .toList().toString();
  }
}
