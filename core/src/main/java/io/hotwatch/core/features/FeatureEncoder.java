package io.hotwatch.core.features;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.NypdShootingReader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns an incident in its context into the model's input vector. The one implementation used by training and by
 * scoring, so that both see byte-identical features.
 *
 * <p>Only what is known when an incident is reported is encoded: when it happened (in the source's local time), where
 * (coordinates, district, beat, area), the kind of place and what happened around it before ({@link LocalHistory}).
 * Never the IUCR or FBI code, description, arrest or domestic flags or the source's category: they encode the answer.
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
 *   <li>beat profile: the beat's share of each category among the training rows, shrunk towards the city's shares by
 *       {@value #BEAT_PSEUDO_COUNT} pseudo-incidents (a beat without enough rows, or none, gets the city's); one
 *       number per category instead of ~270 one-hot slots, which would triple the network's first layer
 *   <li>area one-hot: the H3 ancestor {@value FeatureVocabulary#AREA_STEPS} resolutions above the incident's cell, over
 *       the vocabulary, then one "other" slot
 *   <li>local history, {@link LocalHistory}'s layout
 * </ol>
 *
 * <p>Changing the layout means raising {@link #SCHEMA_VERSION}: stored models refuse to load under another version.
 * Instances are thread-safe: their only mutable parts are concurrent caches of each cell's area slot and each location
 * type's, and the zones' clocks ({@link ZoneClock}).
 */
public final class FeatureEncoder {

  public static final int SCHEMA_VERSION = 2;

  /** Weight of the city's category shares in a beat's profile, in incidents. */
  public static final double BEAT_PSEUDO_COUNT = 20;

  /** One-hot groups {@link #encodeCompact} names the hot feature of: district, location type, area. */
  public static final int ONE_HOT_GROUPS = 3;

  /** Local time zone of each source, for the time-of-day features; unknown sources use Chicago's. */
  private static final Map<String, ZoneId> SOURCE_ZONES =
      Map.of(ChicagoCrimeReader.SOURCE, ChicagoCrimeReader.ZONE, NypdShootingReader.SOURCE, NypdShootingReader.ZONE);

  private static final int TIME_FEATURES = 9;
  private static final int PLACE_FEATURES = 2;
  private static final double TWO_PI = 2 * Math.PI;
  private static final int MAX_VALUES_KEPT = 1 << 15;

  private final FeatureVocabulary vocabulary;
  private final Map<String, Integer> districtSlots;
  private final Map<String, Integer> locationTypeSlots;
  private final Map<String, Integer> areaSlots;
  private final Map<String, float[]> beatProfiles;
  private final Map<String, Integer> areaSlotOfCell = new ConcurrentHashMap<>();
  private final Map<String, Integer> locationTypeSlotOfValue = new ConcurrentHashMap<>();
  private final Map<String, ZoneClock> clocks = new HashMap<>();
  private final ZoneClock defaultClock = new ZoneClock(ChicagoCrimeReader.ZONE);
  private final float[] cityProfile;
  private final LocalHistory history;
  private final int areaResolution;
  private final int districtOffset;
  private final int locationTypeOffset;
  private final int beatOffset;
  private final int areaOffset;
  private final int historyOffset;
  private final int width;

  public FeatureEncoder(FeatureVocabulary vocabulary) {
    this.vocabulary = vocabulary;
    this.districtSlots = slots(vocabulary.districts());
    this.locationTypeSlots = slots(vocabulary.locationTypes());
    this.areaSlots = slots(vocabulary.areas());
    this.history = new LocalHistory(vocabulary.categories(), vocabulary.resolution());
    this.areaResolution = vocabulary.resolution() - FeatureVocabulary.AREA_STEPS;
    int k = vocabulary.categories().size();
    double[] city = new double[k];
    vocabulary.beats().values().forEach(counts -> {
      for (int c = 0; c < k; c++) {
        city[c] += counts.get(c);
      }
    });
    double cityTotal = java.util.Arrays.stream(city).sum();
    for (int c = 0; c < k; c++) {
      city[c] = cityTotal > 0 ? city[c] / cityTotal : 1.0 / k;
    }
    this.cityProfile = profile(new double[k], 0, city);
    Map<String, float[]> profiles = new HashMap<>();
    vocabulary.beats().forEach((beat, counts) -> {
      double[] n = counts.stream().mapToDouble(Long::doubleValue).toArray();
      profiles.put(beat, profile(n, java.util.Arrays.stream(n).sum(), city));
    });
    this.beatProfiles = profiles;
    this.districtOffset = TIME_FEATURES + PLACE_FEATURES;
    this.locationTypeOffset = districtOffset + vocabulary.districts().size() + 1;
    this.beatOffset = locationTypeOffset + vocabulary.locationTypes().size() + 1;
    this.areaOffset = beatOffset + k;
    this.historyOffset = areaOffset + vocabulary.areas().size() + 1;
    this.width = historyOffset + history.width();
    SOURCE_ZONES.forEach((source, zone) -> clocks.put(source, new ZoneClock(zone)));
  }

  /** (n + m p) / (N + m) per category: the beat's shares shrunk towards the city's. */
  private static float[] profile(double[] counts, double total, double[] city) {
    float[] shares = new float[counts.length];
    for (int c = 0; c < counts.length; c++) {
      shares[c] = (float) ((counts[c] + BEAT_PSEUDO_COUNT * city[c]) / (total + BEAT_PSEUDO_COUNT));
    }
    return shares;
  }

  /** The local history whose features the encoder writes: the vocabulary's categories and cell resolution. */
  public LocalHistory history() {
    return history;
  }

  public FeatureVocabulary vocabulary() {
    return vocabulary;
  }

  /** Number of features per incident. */
  public int width() {
    return width;
  }

  /** Writes the incident's {@link #width()} features into {@code out} from {@code offset} on. */
  public void encode(IncidentContext context, float[] out, int offset) {
    check(context);
    if (offset < 0 || offset + width > out.length) {
      throw new IndexOutOfBoundsException(
          "features need [" + offset + ", " + (offset + width) + ") but the buffer has " + out.length + " slots");
    }
    writeDense(context, out, offset, offset + beatOffset, offset + historyOffset);
    Arrays.fill(out, offset + districtOffset, offset + beatOffset, 0f);
    Arrays.fill(out, offset + areaOffset, offset + historyOffset, 0f);
    out[offset + districtSlot(context.incident())] = 1f;
    out[offset + locationTypeSlot(context.incident())] = 1f;
    out[offset + areaSlot(context.cell())] = 1f;
  }

  /**
   * Writes the incident's features in two parts: the {@link #denseWidth()} features that are not one-hot slots, in
   * encoding order ({@link #denseFeatures()}), into {@code dense} from {@code denseOffset} on; and, for each of the
   * {@value #ONE_HOT_GROUPS} one-hot groups (district, location type, area), the index in {@link #encode}'s row of its
   * one feature that is 1, into {@code hot} from {@code hotOffset} on. Every other feature of those groups is 0. The
   * values are those {@link #encode} writes, bit for bit: the same code writes both.
   */
  public void encodeCompact(IncidentContext context, float[] dense, int denseOffset, int[] hot, int hotOffset) {
    check(context);
    encodeCompactBesidesHistory(context.incident(), context.cell(), dense, denseOffset, hot, hotOffset);
    System.arraycopy(context.history(), 0, dense, denseOffset + compactHistoryOffset(), history.width());
  }

  /**
   * {@link #encodeCompact} of an incident in {@code cell} without its local history: the {@link LocalHistory#width()}
   * floats from {@code denseOffset + }{@link #compactHistoryOffset()} are left for the caller to write there, with
   * {@link LocalHistory#write}, which is what the stream's scorer does to build its batch's rows in place.
   */
  public void encodeCompactBesidesHistory(
      Incident incident, String cell, float[] dense, int denseOffset, int[] hot, int hotOffset) {
    int denseWidth = denseWidth();
    if (denseOffset < 0 || denseOffset + denseWidth > dense.length) {
      throw new IndexOutOfBoundsException(
          "dense features need [" + denseOffset + ", " + (denseOffset + denseWidth) + ") but the buffer has "
              + dense.length + " slots");
    }
    writeBesidesHistory(incident, dense, denseOffset, denseOffset + districtOffset);
    hot[hotOffset] = districtSlot(incident);
    hot[hotOffset + 1] = locationTypeSlot(incident);
    hot[hotOffset + 2] = areaSlot(cell);
  }

  /** Where the local history starts in a compact row: after time, place and the beat profile. */
  public int compactHistoryOffset() {
    return districtOffset + vocabulary.categories().size();
  }


  /** Features per incident that are not one-hot slots: time, place, beat profile, local history. */
  public int denseWidth() {
    return width - (beatOffset - districtOffset) - (historyOffset - areaOffset);
  }

  /** Indexes in {@link #encode}'s row of the features {@link #encodeCompact} writes as dense, in that order. */
  public int[] denseFeatures() {
    int[] features = new int[denseWidth()];
    int j = 0;
    for (int f = 0; f < width; f++) {
      if (!oneHot(f)) {
        features[j++] = f;
      }
    }
    return features;
  }

  /** Whether feature {@code f} of {@link #encode}'s row is a one-hot slot (0 or 1, exactly one per group). */
  public boolean oneHot(int f) {
    return (f >= districtOffset && f < beatOffset) || (f >= areaOffset && f < historyOffset);
  }

  private void check(IncidentContext context) {
    if (context.history().length != history.width()) {
      throw new IllegalArgumentException(
          "incident " + context.incident().id() + " has " + context.history().length
              + " history features, the encoder takes " + history.width());
    }
  }

  /**
   * Time and place from {@code timeAt}, the beat profile from {@code beatAt}, the local history from
   * {@code historyAt}.
   */
  private void writeDense(IncidentContext context, float[] out, int timeAt, int beatAt, int historyAt) {
    writeBesidesHistory(context.incident(), out, timeAt, beatAt);
    System.arraycopy(context.history(), 0, out, historyAt, history.width());
  }

  /** Time and place from {@code timeAt}, the beat profile from {@code beatAt}. */
  private void writeBesidesHistory(Incident incident, float[] out, int timeAt, int beatAt) {
    // the local fields of incident.occurredAt().atZone(the source's zone), and the same arithmetic on them
    ZoneClock clock = clocks.getOrDefault(incident.source(), defaultClock);
    long local = clock.localSecond(incident.occurredAt().getEpochSecond());
    int secondOfDay = ZoneClock.secondOfDay(local);
    int hour = secondOfDay / 3600;
    int minute = secondOfDay / 60 % 60;
    int second = secondOfDay % 60;
    ZoneClock.Day day = clock.day(local);
    double hourOfDay = hour + minute / 60.0 + second / 3600.0;
    double hourOfWeek = (day.dayOfWeek() - 1) * 24 + hourOfDay;
    double dayOfYear = day.dayOfYear() - 1 + hourOfDay / 24;
    int i = timeAt;
    i = cyclic(hourOfDay / 24, out, i);
    i = cyclic(hourOfWeek / 168, out, i);
    i = cyclic(dayOfYear / day.lengthOfYear(), out, i);
    boolean onTheHour = minute == 0 && second == 0;
    out[i++] = flag(onTheHour);
    out[i++] = flag(onTheHour && hour == 0);
    out[i++] = flag(day.dayOfMonth() == 1);
    out[i++] = (float) incident.latitude();
    out[i] = (float) incident.longitude();
    float[] beat = beatProfiles.getOrDefault(FeatureVocabulary.beat(incident.beat()), cityProfile);
    System.arraycopy(beat, 0, out, beatAt, beat.length);
  }

  /** Index in the row of the incident's district slot. */
  private int districtSlot(Incident incident) {
    return districtOffset + slot(districtSlots, FeatureVocabulary.district(incident.district()));
  }

  /** Index in the row of the incident's location type slot, kept per value as given (normalising it allocates). */
  private int locationTypeSlot(Incident incident) {
    String given = incident.locationType() == null ? "" : incident.locationType();
    Integer slot = locationTypeSlotOfValue.get(given);
    if (slot == null) {
      slot = locationTypeOffset + slot(locationTypeSlots, FeatureVocabulary.locationType(given));
      if (locationTypeSlotOfValue.size() >= MAX_VALUES_KEPT) {
        locationTypeSlotOfValue.clear(); // a bound for any input; Chicago's data has about 200 values
      }
      locationTypeSlotOfValue.put(given, slot);
    }
    return slot;
  }

  /** The incident's features in a new array. */
  public float[] encode(IncidentContext context) {
    float[] out = new float[width];
    encode(context, out, 0);
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
    vocabulary.categories().forEach(c -> names.add("beat.share." + c));
    vocabulary.areas().forEach(a -> names.add("area=" + a));
    names.add("area=other");
    names.addAll(history.featureNames());
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

  /**
   * Index in the row of the cell's area slot, asked of H3 once per cell: the native call costs more than the rest of
   * the row.
   */
  private int areaSlot(String cell) {
    Integer slot = areaSlotOfCell.get(cell);
    if (slot == null) {
      slot = areaOffset + slot(areaSlots, CellIndex.parentOf(cell, areaResolution));
      if (areaSlotOfCell.size() >= MAX_VALUES_KEPT) {
        areaSlotOfCell.clear(); // a bound for any input; a city has a few thousand cells
      }
      areaSlotOfCell.put(cell, slot);
    }
    return slot;
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
