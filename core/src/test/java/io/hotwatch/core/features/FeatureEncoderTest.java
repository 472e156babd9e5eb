package io.hotwatch.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.ChicagoCrimeReader;
import io.hotwatch.core.source.NypdShootingReader;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
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
