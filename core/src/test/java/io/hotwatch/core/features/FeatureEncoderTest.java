package io.hotwatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.NypdShootingReader;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FeatureEncoderTest {

  private static final FeatureVocabulary VOCABULARY =
      new FeatureVocabulary(List.of("11", "8"), List.of("STREET", "RESIDENCE", "SIDEWALK"));
  private static final FeatureEncoder ENCODER = new FeatureEncoder(VOCABULARY);
  // 9 time + 2 place + (2 + 1) districts + (3 + 1) location types
  private static final int WIDTH = 18;

  @Test
  void widthCoversTimePlaceAndOneHotSlotsWithTheirOtherSlot() {
    assertThat(ENCODER.width()).isEqualTo(WIDTH);
    assertThat(ENCODER.featureNames()).hasSize(WIDTH).contains("district=other", "locationType=SIDEWALK");
  }

  @Test
  void encodesTimeInTheSourcesLocalZone() {
    // Saturday 2017-07-01 14:30 in Chicago: day 182 of 365, hour of week 5 * 24 + 14.5
    Incident incident = chicago("2017-07-01T14:30", "8", "street");
    float[] f = ENCODER.encode(incident);

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
    assertThat(ENCODER.encode(sameInstantInNewYork)[0])
        .isCloseTo((float) Math.sin(2 * Math.PI * newYorkHour / 24), within(1e-6f));
  }

  /**
   * The encoder works the local time out from the zone's offset; the expected values are the time features as
   * java.time's calendar (ZonedDateTime) gives them, on every real incident of the bundled month, at every 7th second
   * around both of Chicago's 2016 clock changes and at the turn of a leap year.
   */
  @Test
  void timeFeaturesAreBitForBitThoseOfTheLocalCalendar() throws Exception {
    List<Incident> incidents =
        new ArrayList<>(read(Path.of(System.getProperty("hotwatch.home", "..")).resolve(
            "deploy/demo/data/chicago_crimes_2017-07.csv.gz")));
    assertThat(incidents).hasSizeGreaterThan(20_000);
    for (String change : List.of("2016-03-13T08:00:00Z", "2016-11-06T07:00:00Z")) {
      Instant at = Instant.parse(change);
      for (long s = -7_200; s <= 7_200; s += 7) {
        incidents.add(new Incident("dst", ChicagoCrimeReader.SOURCE, at.plusSeconds(s), null, 41.88, -87.63, "THEFT", "",
            "", "8", "", "STREET"));
      }
    }
    incidents.add(chicago("2016-12-31T23:59:59", "8", "STREET"));
    incidents.add(chicago("2017-01-01T00:00", "8", "STREET"));

    assertTimeFeaturesAreTheCalendars(incidents);
  }

  /** The same in New York's zone, on every NYPD shooting 2006-2020 (skipped where the data set is absent). */
  @Test
  void timeFeaturesOfNewYorkIncidentsAreBitForBitThoseOfItsCalendar() throws Exception {
    Path file =
        Path.of(System.getProperty("hotwatch.data.dir", "../../shared/data"))
            .resolve("nypd-shootings-2006-2020/NYPD_Shooting_Incident_Data__Historic_.csv.gz");
    assumeTrue(Files.isRegularFile(file), "data file " + file + " not found");
    List<Incident> incidents = read(file);
    assertThat(incidents).hasSizeGreaterThan(20_000);

    assertTimeFeaturesAreTheCalendars(incidents);
  }

  private static void assertTimeFeaturesAreTheCalendars(List<Incident> incidents) {
    float[] encoded = new float[WIDTH];
    for (Incident incident : incidents) {
      ENCODER.encode(incident, encoded, 0);
      float[] expected = calendarTimeFeatures(incident);
      for (int f = 0; f < expected.length; f++) {
        if (Float.floatToRawIntBits(encoded[f]) != Float.floatToRawIntBits(expected[f])) {
          throw new AssertionError("feature " + f + " of " + incident + ": " + encoded[f] + ", expected " + expected[f]);
        }
      }
    }
  }

  private static float[] calendarTimeFeatures(Incident incident) {
    ZoneId zone = incident.source().equals(NypdShootingReader.SOURCE) ? NypdShootingReader.ZONE : ChicagoCrimeReader.ZONE;
    ZonedDateTime local = incident.occurredAt().atZone(zone);
    double hourOfDay = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
    double hourOfWeek = (local.getDayOfWeek().getValue() - 1) * 24 + hourOfDay;
    double dayOfYear = local.getDayOfYear() - 1 + hourOfDay / 24;
    double yearFraction = dayOfYear / local.toLocalDate().lengthOfYear();
    boolean onTheHour = local.getMinute() == 0 && local.getSecond() == 0;
    return new float[] {
      (float) Math.sin(2 * Math.PI * (hourOfDay / 24)), (float) Math.cos(2 * Math.PI * (hourOfDay / 24)),
      (float) Math.sin(2 * Math.PI * (hourOfWeek / 168)), (float) Math.cos(2 * Math.PI * (hourOfWeek / 168)),
      (float) Math.sin(2 * Math.PI * yearFraction), (float) Math.cos(2 * Math.PI * yearFraction),
      onTheHour ? 1f : 0f, onTheHour && local.getHour() == 0 ? 1f : 0f, local.getDayOfMonth() == 1 ? 1f : 0f
    };
  }

  private static List<Incident> read(Path file) throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(file)) {
      return rows.filter(ParsedRow::isOk).map(ParsedRow::value).toList();
    }
  }

  @Test
  void flagsTimesRecordedOnTheHourAndAtMidnight() {
    assertThat(Arrays.copyOfRange(ENCODER.encode(chicago("2016-03-14T09:00", "8", "STREET")), 6, 9))
        .containsExactly(1f, 0f, 0f);
    assertThat(Arrays.copyOfRange(ENCODER.encode(chicago("2016-03-01T00:00", "8", "STREET")), 6, 9))
        .containsExactly(1f, 1f, 1f);
  }

  @Test
  void oneHotSlotsSendUnknownAndEmptyValuesToTheOtherSlot() {
    assertThat(oneHots(ENCODER.encode(chicago("2016-03-14T09:12", "8", " Residence "))))
        .containsExactly(0, 1, 0, 0, 1, 0, 0);
    assertThat(oneHots(ENCODER.encode(chicago("2016-03-14T09:12", "31", "ALLEY"))))
        .containsExactly(0, 0, 1, 0, 0, 0, 1);
    assertThat(oneHots(ENCODER.encode(chicago("2016-03-14T09:12", "", ""))))
        .containsExactly(0, 0, 1, 0, 0, 0, 1);
  }

  @Test
  void reusedBufferIsFullyOverwrittenAndNeighboursAreLeftAlone() {
    float[] buffer = new float[2 * WIDTH + 1];
    Arrays.fill(buffer, 7f);
    ENCODER.encode(chicago("2016-03-14T09:12", "11", "STREET"), buffer, WIDTH);
    ENCODER.encode(chicago("2016-03-14T09:12", "8", "SIDEWALK"), buffer, WIDTH);

    assertThat(Arrays.copyOfRange(buffer, 0, WIDTH)).containsOnly(7f);
    assertThat(buffer[2 * WIDTH]).isEqualTo(7f);
    assertThat(Arrays.copyOfRange(buffer, WIDTH, 2 * WIDTH))
        .containsExactly(ENCODER.encode(chicago("2016-03-14T09:12", "8", "SIDEWALK")));
    assertThatThrownBy(() -> ENCODER.encode(chicago("2016-03-14T09:12", "8", "STREET"), buffer, WIDTH + 2))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("buffer has " + buffer.length);
  }

  @Test
  void fieldsThatGiveTheAnswerAwayDoNotChangeTheFeatures() {
    Incident theft = chicago("2016-03-14T09:12", "8", "STREET");
    Incident sameReportOtherAnswer =
        new Incident("other-id", theft.source(), theft.occurredAt(), theft.occurredAt().plusSeconds(86_400), theft.latitude(),
            theft.longitude(), "NARCOTICS", "NARCOTICS", "POSS: CANNABIS 30GMS OR LESS", theft.district(), "0421",
            theft.locationType());

    assertThat(ENCODER.encode(sameReportOtherAnswer)).containsExactly(ENCODER.encode(theft));
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
    FeatureVocabulary vocabulary = FeatureVocabulary.learn(incidents, 2, 0.25);

    assertThat(vocabulary.districts()).containsExactly("8", "11");
    // ALLEY and STREET tie at two rows: by name
    assertThat(vocabulary.locationTypes()).containsExactly("ALLEY", "STREET");
    assertThat(FeatureVocabulary.learn(incidents, 1, 0).locationTypes()).containsExactly("ALLEY");
  }

  @Test
  void vocabularyRejectsDuplicatesAndSurvivesJson() throws Exception {
    assertThatThrownBy(() -> new FeatureVocabulary(List.of("8"), List.of("STREET", " street")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("location type ' street' appears twice");

    var mapper = EventCodec.newObjectMapper();
    String json = mapper.writeValueAsString(VOCABULARY);
    assertThat(mapper.readValue(json, FeatureVocabulary.class)).isEqualTo(VOCABULARY);
  }

  private static int[] oneHots(float[] features) {
    return IntStream.range(11, WIDTH).map(i -> (int) features[i]).toArray();
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
