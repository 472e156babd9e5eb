package io.hotwatch.core.features;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.NypdShootingReader;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an incident into the model's input vector. The one implementation used by training and by scoring, so that
 * both see byte-identical features.
 *
 * <p>Only what is known when an incident is reported is encoded: when it happened (in the source's local time), where
 * (coordinates, district) and the kind of place. Never the IUCR or FBI code, description, arrest or domestic flags or the
 * source's category: they encode the answer.
 *
 * <p>Layout of schema version {@value #SCHEMA_VERSION}:
 *
 * <ol>
 *   <li>hour of day, sine and cosine (minutes included)
 *   <li>position in the week, sine and cosine (Monday 00:00 = 0)
 *   <li>position in the year, sine and cosine
 *   <li>three flags on how the time was recorded: on the full hour, at midnight, on the 1st of a month (estimated times
 *       are typical of frauds and thefts discovered later)
 *   <li>latitude, longitude in degrees
 *   <li>district one-hot over the vocabulary, then one slot for any other or missing district
 *   <li>location type one-hot over the vocabulary, then one "other" slot
 * </ol>
 *
 * <p>Changing the layout means raising {@link #SCHEMA_VERSION}: stored models refuse to load under another version.
 * Instances are immutable and thread-safe.
 */
public final class FeatureEncoder {

  public static final int SCHEMA_VERSION = 1;

  /** Local time zone of each source, for the time-of-day features; unknown sources use Chicago's. */
  private static final Map<String, ZoneId> SOURCE_ZONES =
      Map.of(ChicagoCrimeReader.SOURCE, ChicagoCrimeReader.ZONE, NypdShootingReader.SOURCE, NypdShootingReader.ZONE);

  private static final int TIME_FEATURES = 9;
  private static final int PLACE_FEATURES = 2;
  private static final double TWO_PI = 2 * Math.PI;

  private final FeatureVocabulary vocabulary;
  private final Map<String, Integer> districtSlots;
  private final Map<String, Integer> locationTypeSlots;
  private final int districtOffset;
  private final int locationTypeOffset;
  private final int width;

  public FeatureEncoder(FeatureVocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.districtSlots = slots(vocabulary.districts());
    this.locationTypeSlots = slots(vocabulary.locationTypes());
    this.districtOffset = TIME_FEATURES + PLACE_FEATURES;
    this.locationTypeOffset = districtOffset + vocabulary.districts().size() + 1;
    this.width = locationTypeOffset + vocabulary.locationTypes().size() + 1;
  }

  public FeatureVocabulary vocabulary() {
    return vocabulary;
  }

  /** Number of features per incident. */
  public int width() {
    return width;
  }

  /** Writes the incident's {@link #width()} features into {@code out} from {@code offset} on. */
  public void encode(Incident incident, float[] out, int offset) {
    if (offset < 0 || offset + width > out.length) {
      throw new IndexOutOfBoundsException(
          "features need [" + offset + ", " + (offset + width) + ") but the buffer has " + out.length + " slots");
    }
    ZonedDateTime local = incident.occurredAt().atZone(SOURCE_ZONES.getOrDefault(incident.source(), ChicagoCrimeReader.ZONE));
    double hourOfDay = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    double hourOfWeek = (local.getDayOfWeek().getValue() - 1) * 24 + hourOfDay;
    double dayOfYear = local.getDayOfYear() - 1 + hourOfDay / 24;
    int i = offset;
    i = cyclic(hourOfDay / 24, out, i);
    i = cyclic(hourOfWeek / 168, out, i);
    i = cyclic(dayOfYear / local.toLocalDate().lengthOfYear(), out, i);
    boolean onTheHour = local.getMinute() == 0 && local.getSecond() == 0;
    out[i++] = flag(onTheHour);
    out[i++] = flag(onTheHour && local.getHour() == 0);
    out[i++] = flag(local.getDayOfMonth() == 1);
    out[i++] = (float) incident.latitude();
    out[i] = (float) incident.longitude();
    Arrays.fill(out, offset + districtOffset, offset + width, 0f);
    out[offset + districtOffset + slot(districtSlots, FeatureVocabulary.district(incident.district()))] = 1f;
    out[offset + locationTypeOffset + slot(locationTypeSlots, FeatureVocabulary.locationType(incident.locationType()))] = 1f;
  }

  /** The incident's features in a new array. */
  public float[] encode(Incident incident) {
    float[] out = new float[width];
    encode(incident, out, 0);
    return out;
  }

  /** A readable name per feature, in encoding order. */
  public List<String> featureNames() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "hourOfDay.sin", "hourOfDay.cos", "hourOfWeek.sin", "hourOfWeek.cos", "dayOfYear.sin", "dayOfYear.cos",
                "time.onTheHour", "time.midnight", "date.firstOfMonth", "latitude", "longitude"));
    vocabulary.districts().forEach(d -> names.add("district=" + d));
    names.add("district=other");
    vocabulary.locationTypes().forEach(t -> names.add("locationType=" + t));
    names.add("locationType=other");
    return names;
  }

  private static int cyclic(double fraction, float[] out, int i) {
    out[i] = (float) Math.sin(TWO_PI * fraction);
    out[i + 1] = (float) Math.cos(TWO_PI * fraction);
    return i + 2;
  }

  private static float flag(boolean value) {
    return value ? 1f : 0f;
  }

  /** The value's slot; the last slot (one past the vocabulary) holds everything else. */
  private static int slot(Map<String, Integer> slots, String key) {
    return slots.getOrDefault(key, slots.size());
  }

  private static Map<String, Integer> slots(List<String> values) {
    Map<String, Integer> slots = new HashMap<>();
    for (int i = 0; i < values.size(); i++) {
      slots.put(values.get(i), i);
    }
    return slots;
  }
}
