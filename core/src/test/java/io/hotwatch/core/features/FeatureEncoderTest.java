package io.hotwatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.NypdShootingReader;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  private static final String CELL = new CellIndex(8).cellOf(41.88, -87.63);
  private static final List<String> CATEGORIES = List.of("THEFT", "NARCOTICS", "OTHER");
  private static final FeatureVocabulary VOCABULARY =
      new FeatureVocabulary(
          List.of("11", "8"), List.of("STREET", "RESIDENCE", "SIDEWALK"), CATEGORIES,
          Map.of("0111", List.of(30L, 10L, 0L), "0421", List.of(0L, 20L, 20L)), 8,
          List.of(CellIndex.parentOf(CELL, 6)));
  private static final FeatureEncoder ENCODER = new FeatureEncoder(VOCABULARY);
  // 9 time + 2 place + (2 + 1) districts + (3 + 1) location types + 3 beat shares + (1 + 1) areas + 2 (3 + 1) history
  private static final int WIDTH = 31;
  private static final int ONE_HOT_END = 18;

  @Test
  void widthCoversTimePlaceAndOneHotSlotsWithTheirOtherSlot() {
    assertThat(ENCODER.width()).isEqualTo(WIDTH);
    assertThat(ENCODER.featureNames())
        .hasSize(WIDTH)
        .contains("district=other", "locationType=SIDEWALK", "beat.share.NARCOTICS", "area=other",
            "history.1d.ring.THEFT", "history.7d.cell");
  }

  @Test
  void beatProfileIsTheBeatsSharesShrunkTowardsTheCitysAndAreaAndHistoryFollow() {
    float[] f = ENCODER.encode(context(chicago("2016-03-14T09:12", "8", "STREET"), new float[] {1, 2, 3, 4, 5, 6, 7, 8}));
    // city: 30 thefts, 30 narcotics, 20 other of 80; beat 0111: (30 + 20 * 3/8) / (40 + 20) etc.
    assertThat(Arrays.copyOfRange(f, 18, 21))
        .containsExactly((float) (37.5 / 60), (float) (17.5 / 60), (float) (5.0 / 60));
    assertThat(Arrays.copyOfRange(f, 21, 23)).containsExactly(1f, 0f);
    assertThat(Arrays.copyOfRange(f, 23, 31)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);

    Incident unknownBeat =
        new Incident("2", ChicagoCrimeReader.SOURCE, java.time.Instant.parse("2016-03-14T14:12:00Z"), null, 41.98,
            -87.9, "THEFT", "THEFT", "", "8", "9999", "STREET");
    float[] g = ENCODER.encode(context(unknownBeat, new float[8]));
    assertThat(Arrays.copyOfRange(g, 18, 21)).containsExactly(30f / 80, 30f / 80, 20f / 80);
    assertThat(Arrays.copyOfRange(g, 21, 23)).containsExactly(0f, 1f); // another area
  }

  @Test
  void encodesTimeInTheSourcesLocalZone() {
    // Saturday 2017-07-01 14:30 in Chicago: day 182 of 365, hour of week 5 * 24 + 14.5
    Incident incident = chicago("2017-07-01T14:30", "8", "street");
    float[] f = ENCODER.encode(context(incident));

    assertThat(f[0]).isCloseTo((float) Math.sin(2 * Math.PI * 14.5 / 24), within(1e-6f));
    assertThat(f[1]).isCloseTo((float) Math.cos(2 * Math.PI * 14.5 / 24), within(1e-6f));
    assertThat(f[2]).isCloseTo((float) Math.sin(2 * Math.PI * (5 * 24 + 14.5) / 168), within(1e-6f));
    assertThat(f[3]).isCloseTo((float) Math.cos(2 * Math.PI * (5 * 24 + 14.5) / 168), within(1e-6f));
    assertThat(f[4]).isCloseTo((float) Math.sin(2 * Math.PI * (181 + 14.5 / 24) / 365), within(1e-6f));
    assertThat(f[5]).isCloseTo((float) Math.cos(2 * Math.PI * (181 + 14.5 / 24) / 365), within(1e-6f));
    assertThat(Arrays.copyOfRange(f, 6, 9)).containsExactly(0f, 0f, 1f); // not on the hour, the 1st of July
    assertThat(f[9]).isEqualTo(41.88f);
    assertThat(f[10]).isEqualTo(-87.63f);

    Incident sameInstantInNewYork =
        new Incident("n1", NypdShootingReader.SOURCE, incident.occurredAt(), null, 41.88, -87.63, "ASSAULT_BATTERY",
            "SHOOTING", "", "8", "", "STREET");
    double newYorkHour = 15.5;
    assertThat(ENCODER.encode(context(sameInstantInNewYork))[0])
        .isCloseTo((float) Math.sin(2 * Math.PI * newYorkHour / 24), within(1e-6f));
  }

  /**
   * The time features come from the zone's offset and the day's calendar fields kept between incidents
   * ({@link ZoneClock}); they must be those of {@code instant.atZone(zone)}'s fields, bit for bit: over five years in
   * steps that visit every minute and second, minute by minute around every change of daylight-saving time, in both
   * sources' zones, and in a shuffled order, so that the kept values are asked for instants before them too.
   */
  @Test
  void timeFeaturesAreThoseOfJavaTimesZonedFieldsBitForBit() {
    List<java.time.Instant> instants = new java.util.ArrayList<>();
    java.time.Instant end = java.time.Instant.parse("2019-01-01T00:00:00Z");
    for (var t = java.time.Instant.parse("2014-01-01T00:00:00Z"); t.isBefore(end); t = t.plusSeconds(37 * 60 + 13)) {
      instants.add(t);
    }
    for (ZoneId zone : List.of(ChicagoCrimeReader.ZONE, NypdShootingReader.ZONE)) {
      var rules = zone.getRules();
      for (var change = rules.nextTransition(java.time.Instant.parse("2014-01-01T00:00:00Z"));
          change.getInstant().isBefore(end); change = rules.nextTransition(change.getInstant())) {
        for (int minute = -180; minute <= 180; minute++) {
          instants.add(change.getInstant().plusSeconds(60L * minute));
        }
        instants.add(change.getInstant().minusSeconds(1));
        instants.add(change.getInstant().minusMillis(1));
      }
    }
    List<java.time.Instant> shuffled = new java.util.ArrayList<>(instants);
    java.util.Collections.shuffle(shuffled, new java.util.Random(11));
    instants.addAll(shuffled);
    FeatureEncoder encoder = new FeatureEncoder(VOCABULARY);
    int checked = 0;
    for (String source : List.of(ChicagoCrimeReader.SOURCE, NypdShootingReader.SOURCE, "elsewhere")) {
      ZoneId zone = source.equals(NypdShootingReader.SOURCE) ? NypdShootingReader.ZONE : ChicagoCrimeReader.ZONE;
      for (java.time.Instant instant : instants) {
        Incident incident =
            new Incident("t", source, instant, null, 41.88, -87.63, "THEFT", "THEFT", "", "8", "0111", "STREET");
        float[] ours = Arrays.copyOf(encoder.encode(context(incident)), 9);
        float[] javaTime = timeFeatures(instant.atZone(zone));
        for (int f = 0; f < 9; f++) {
          if (Float.floatToRawIntBits(ours[f]) != Float.floatToRawIntBits(javaTime[f])) {
            throw new AssertionError(source + " " + instant + " feature " + f + ": " + ours[f] + ", java.time's " + javaTime[f]);
          }
        }
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(400_000);
  }

  /** The time features restated on a {@code ZonedDateTime}'s fields, as the encoder first computed them. */
  private static float[] timeFeatures(java.time.ZonedDateTime local) {
    double hourOfDay = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    double hourOfWeek = (local.getDayOfWeek().getValue() - 1) * 24 + hourOfDay;
    double dayOfYear = local.getDayOfYear() - 1 + hourOfDay / 24;
    double year = local.toLocalDate().lengthOfYear();
    boolean onTheHour = local.getMinute() == 0 && local.getSecond() == 0;
    return new float[] {
      (float) Math.sin(2 * Math.PI * (hourOfDay / 24)), (float) Math.cos(2 * Math.PI * (hourOfDay / 24)),
      (float) Math.sin(2 * Math.PI * (hourOfWeek / 168)), (float) Math.cos(2 * Math.PI * (hourOfWeek / 168)),
      (float) Math.sin(2 * Math.PI * (dayOfYear / year)), (float) Math.cos(2 * Math.PI * (dayOfYear / year)),
      onTheHour ? 1f : 0f, onTheHour && local.getHour() == 0 ? 1f : 0f, local.getDayOfMonth() == 1 ? 1f : 0f
    };
  }

  /** The compact form names the hot slots and carries the other features, as the full row has them. */
  @Test
  void compactFormIsTheFullRowSplit() {
    assertThat(ENCODER.denseWidth()).isEqualTo(WIDTH - 9);
    assertThat(ENCODER.denseFeatures())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 18, 19, 20, 23, 24, 25, 26, 27, 28, 29, 30);
    IncidentContext context =
        context(chicago("2016-03-14T09:12", "8", "SIDEWALK"), new float[] {1, 2, 3, 4, 5, 6, 7, 8});
    float[] full = ENCODER.encode(context);
    float[] dense = new float[ENCODER.denseWidth() + 2];
    int[] hot = new int[FeatureEncoder.ONE_HOT_GROUPS + 1];
    ENCODER.encodeCompact(context, dense, 1, hot, 1);

    // district 8 is the second slot, SIDEWALK the third location type, the cell's area the first area
    assertThat(hot).containsExactly(0, 12, 16, 21);
    int[] features = ENCODER.denseFeatures();
    for (int j = 0; j < features.length; j++) {
      assertThat(dense[1 + j]).as("dense feature %d", j).isEqualTo(full[features[j]]);
    }
    assertThat(dense[0]).isZero();
    assertThat(dense[dense.length - 1]).isZero();
  }

  @Test
  void flagsTimesRecordedOnTheHourAndAtMidnight() {
    assertThat(Arrays.copyOfRange(ENCODER.encode(context(chicago("2016-03-14T09:00", "8", "STREET"))), 6, 9))
        .containsExactly(1f, 0f, 0f);
    assertThat(Arrays.copyOfRange(ENCODER.encode(context(chicago("2016-03-01T00:00", "8", "STREET"))), 6, 9))
        .containsExactly(1f, 1f, 1f);
  }

  @Test
  void oneHotSlotsSendUnknownAndEmptyValuesToTheOtherSlot() {
    assertThat(oneHots(ENCODER.encode(context(chicago("2016-03-14T09:12", "8", " Residence ")))))
        .containsExactly(0, 1, 0, 0, 1, 0, 0);
    assertThat(oneHots(ENCODER.encode(context(chicago("2016-03-14T09:12", "31", "ALLEY")))))
        .containsExactly(0, 0, 1, 0, 0, 0, 1);
    assertThat(oneHots(ENCODER.encode(context(chicago("2016-03-14T09:12", "", "")))))
        .containsExactly(0, 0, 1, 0, 0, 0, 1);
  }

  @Test
  void reusedBufferIsFullyOverwrittenAndNeighboursAreLeftAlone() {
    float[] buffer = new float[2 * WIDTH + 1];
    Arrays.fill(buffer, 7f);
    ENCODER.encode(context(chicago("2016-03-14T09:12", "11", "STREET")), buffer, WIDTH);
    ENCODER.encode(context(chicago("2016-03-14T09:12", "8", "SIDEWALK")), buffer, WIDTH);

    assertThat(Arrays.copyOfRange(buffer, 0, WIDTH)).containsOnly(7f);
    assertThat(buffer[2 * WIDTH]).isEqualTo(7f);
    assertThat(Arrays.copyOfRange(buffer, WIDTH, 2 * WIDTH))
        .containsExactly(ENCODER.encode(context(chicago("2016-03-14T09:12", "8", "SIDEWALK"))));
    assertThatThrownBy(() -> ENCODER.encode(context(chicago("2016-03-14T09:12", "8", "STREET")), buffer, WIDTH + 2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("buffer has " + buffer.length);
  }

  @Test
  void fieldsThatGiveTheAnswerAwayDoNotChangeTheFeatures() {
    Incident theft = chicago("2016-03-14T09:12", "8", "STREET");
    Incident sameReportOtherAnswer =
        new Incident("other-id", theft.source(), theft.occurredAt(), theft.occurredAt().plusSeconds(86_400), theft.latitude(),
            theft.longitude(), "NARCOTICS", "NARCOTICS", "POSS: CANNABIS 30GMS OR LESS", theft.district(), theft.beat(),
            theft.locationType());

    assertThat(ENCODER.encode(context(sameReportOtherAnswer))).containsExactly(ENCODER.encode(context(theft)));
  }

  @Test
  void vocabularyKeepsFrequentValuesMostFrequentFirst() {
    List<Incident> incidents =
        List.of(
            chicago("2016-03-14T09:12", "8", "STREET"),
            chicago("2016-03-14T09:12", "8", "street"),
            chicago("2016-03-14T09:12", "8", "ALLEY"),
            chicago("2016-03-14T09:12", "11", "ALLEY"),
            chicago("2016-03-14T09:12", "11", "RESIDENCE"),
            chicago("2016-03-14T09:12", "4", "PARK"),
            chicago("2016-03-14T09:12", "", ""));

    // 0.25 of 7 rows: a value needs 2 rows
    List<IncidentContext> rows = incidents.stream().map(FeatureEncoderTest::context).toList();
    FeatureVocabulary vocabulary = FeatureVocabulary.learn(rows, CATEGORIES, 8, 2, 0.25);

    assertThat(vocabulary.districts()).containsExactly("8", "11");
    // ALLEY and STREET tie at two rows: by name
    assertThat(vocabulary.locationTypes()).containsExactly("ALLEY", "STREET");
    assertThat(FeatureVocabulary.learn(rows, CATEGORIES, 8, 1, 0).locationTypes()).containsExactly("ALLEY");
    // every row is a theft of beat 0111 in one area
    assertThat(vocabulary.beats()).containsExactly(Map.entry("0111", List.of(7L, 0L, 0L)));
    assertThat(vocabulary.areas()).containsExactly(CellIndex.parentOf(CELL, 6));
  }

  @Test
  void vocabularyRejectsDuplicatesAndSurvivesJson() throws Exception {
    assertThatThrownBy(
            () -> new FeatureVocabulary(List.of("8"), List.of("STREET", " street"), CATEGORIES, Map.of(), 8, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("location type ' street' appears twice");

    var mapper = EventCodec.newObjectMapper();
    String json = mapper.writeValueAsString(VOCABULARY);
    assertThat(mapper.readValue(json, FeatureVocabulary.class)).isEqualTo(VOCABULARY);
  }

  private static int[] oneHots(float[] features) {
    return IntStream.range(11, ONE_HOT_END).map(i -> (int) features[i]).toArray();
  }

  private static IncidentContext context(Incident incident) {
    return context(incident, new float[2 * (CATEGORIES.size() + 1)]);
  }

  private static IncidentContext context(Incident incident, float[] history) {
    return new IncidentContext(incident, new CellIndex(8).cellOf(incident.latitude(), incident.longitude()), history);
  }

  private static Incident chicago(String localTime, String district, String locationType) {
    return new Incident(
        "1",
        ChicagoCrimeReader.SOURCE,
        LocalDateTime.parse(localTime).atZone(ZoneId.of("America/Chicago")).toInstant(),
        null,
        41.88,
        -87.63,
        "THEFT",
        "THEFT",
        "$500 AND UNDER",
        district,
        "0111",
        locationType);
  }
}
