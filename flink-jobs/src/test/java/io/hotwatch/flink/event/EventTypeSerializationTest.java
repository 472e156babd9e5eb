package io.hotwatch.flink.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.CategoryProbability;
import io.hotwatch.core.event.Corroboration;
import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.GeoPoint;
import io.hotwatch.core.event.HotspotAlert;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.event.IncidentScore;
import io.hotwatch.core.event.ModelStamp;
import io.hotwatch.core.features.CellHistory;
import io.hotwatch.core.event.Polygon;
import io.hotwatch.core.event.SocialPost;
import io.hotwatch.core.event.TrendEvent;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.hotspot.EngineMemory;
import io.hotwatch.core.hotspot.HeldIncident;
import io.hotwatch.core.hotspot.OpenHotspot;
import io.hotwatch.flink.social.ParsedPost;
import io.hotwatch.flink.social.ScoredPost;
import io.hotwatch.flink.trends.TrendKeyState;
import io.hotwatch.flink.trends.TrendUpdate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every type that crosses an operator boundary or sits in state is a Flink POJO, with no Kryo anywhere inside. */
class EventTypeSerializationTest {

  @BeforeAll
  static void configureAsTheJobDoes() {
    // what defineWorkflow applies to its environment; applying it twice must be harmless
    new SerializerConfigImpl().configure(EventTypes.serialization(), EventTypeSerializationTest.class.getClassLoader());
    new SerializerConfigImpl().configure(EventTypes.serialization(), EventTypeSerializationTest.class.getClassLoader());
  }

  private static final Instant T = Instant.parse("2017-07-01T18:00:00Z");
  private static final String CELL = new CellIndex(8).cellOf(41.8781, -87.6298);

  static Incident incident(String id) {
    return new Incident(
        id, "chicago-crimes", T, null, 41.8781, -87.6298, "THEFT", "THEFT", "$500 AND UNDER", "1", "0111", "STREET");
  }

  static TrendEvent trend(Double rateRatio, Double mase) {
    int[] daily = new int[28];
    daily[27] = 3;
    double[] profile = new double[168];
    profile[20] = 0.25;
    return new TrendEvent(
        TrendEvent.KIND, "11", "THEFT", T, T.minusSeconds(86_400), 1, new int[24], daily, 7, 3, 3, rateRatio, 0, 0, 0,
        1, 0, 0.05, TrendEvent.FLAT, profile, new double[24], 0, 0, null, mase);
  }

  static Stream<Arguments> samples() {
    return Stream.of(
        Arguments.of(Incident.class, incident("11034567")),
        Arguments.of(DeadLetter.class, new DeadLetter("incidents", "latitude 91 is outside [-90, 90]", "{}", T)),
        Arguments.of(ParsedIncident.class, ParsedIncident.valid(incident("1"))),
        Arguments.of(IncidentInCell.class, new IncidentInCell(CELL, incident("2"))),
        Arguments.of(IncidentInArea.class, new IncidentInArea(CellIndex.parentOf(CELL, 6), CELL, incident("2"), false)),
        Arguments.of(CellHistory.class, cellHistory()),
        Arguments.of(ScoredIncident.class, new ScoredIncident(CELL, incident("3"), new float[] {0.25f, 0.75f}, 0.29)),
        Arguments.of(
            IncidentDelta.class, IncidentDelta.retract(new ScoredIncident(CELL, incident("4"), new float[] {1f}, 0))),
        Arguments.of(Polygon.class, CellIndex.boundary(CELL)),
        Arguments.of(TrendUpdate.class, new TrendUpdate("11|THEFT", T.toEpochMilli(), -1)),
        Arguments.of(TrendKeyState.class, new TrendKeyState(415_000L, 415_024L)),
        Arguments.of(TrendEvent.class, trend(1.0, 0.8)),
        Arguments.of(TrendEvent.class, trend(null, null)),
        Arguments.of(HeldIncident.class, new HeldIncident("5", CELL, T.toEpochMilli(), 41.87, -87.62, "THEFT",
            new float[] {0.1f, 0.9f})),
        Arguments.of(OpenHotspot.class, openHotspot()),
        Arguments.of(EngineMemory.class, new EngineMemory(T.toEpochMilli(), List.of(openHotspot()), Map.of(CELL, 1L))),
        Arguments.of(HotspotAlert.class, alert()),
        Arguments.of(SocialPost.class, post()),
        Arguments.of(ParsedPost.class, ParsedPost.valid(post())),
        Arguments.of(ScoredPost.class, new ScoredPost(post(), 0.93f, true, CELL)),
        Arguments.of(IncidentScore.class, incidentScore()));
  }

  static IncidentScore incidentScore() {
    return new IncidentScore(
        IncidentScore.KIND, "11034567", "chicago-crimes", T, 41.8781, -87.6298, CELL, "1", "0111", "THEFT", 0.41,
        List.of(new CategoryProbability("THEFT", 0.41), new CategoryProbability("ASSAULT_BATTERY", 0.2)), 0.89,
        new ModelStamp("sha256:00ff", 2, "2015-01-01T06:00:00Z", "2016-12-31T23:59:00Z"));
  }

  /** A cell history with room to spare and a forgotten entry, as one kept in state usually is. */
  static CellHistory cellHistory() {
    CellHistory history = new CellHistory();
    history.add("6", T.toEpochMilli() - 1, 0);
    history.add("7", T.toEpochMilli(), 3);
    history.add("8", T.toEpochMilli(), 1);
    history.dropOldest(1);
    return history;
  }

  static SocialPost post() {
    return new SocialPost("sim-1", "simulated-crisislext26", T, "shots fired near the park", 41.87, -87.62, "ab12");
  }

  static OpenHotspot openHotspot() {
    return new OpenHotspot("chicago:" + CELL + ":" + T, 2, T.toEpochMilli(), 3_600_000L, List.of(CELL),
        List.of("1", "2"), 1, List.of(12.5, 13.0), "new");
  }

  static HotspotAlert alert() {
    return new HotspotAlert(
        HotspotAlert.KIND, HotspotAlert.OPENED, "chicago:" + CELL + ":" + T, 0, "chicago-crimes", T,
        T.minusSeconds(3600), T, CellIndex.outline(List.of(CELL)), CellIndex.boundary(CELL),
        new GeoPoint(41.87, -87.62), 8, List.of(CELL), 2, 0.1, 25.0, 14.2, 1e-4, 34.7, false, Map.of("THEFT", 2L),
        List.of("1", "2"), Map.of("THEFT", 0.6, "ROBBERY", 0.2, "OTHER", 0.1), "new",
        "2 incidents, all THEFT, in 1 cell in the last hour against 0.1 expected for a Saturday afternoon",
        new Corroboration(2, List.of("p1", "p2"), List.of("shots fired near the park"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  <T> void isAPojoSerializedWithoutKryo(Class<T> type, T sample) throws Exception {
    TypeInformation<T> info = TypeInformation.of(type);
    assertThat(info).isInstanceOf(PojoTypeInfo.class);

    SerializerConfigImpl noKryo = new SerializerConfigImpl();
    noKryo.setGenericTypes(false);
    // fails with "Generic types have been disabled" if any field, however deep, would need Kryo
    TypeSerializer<T> serializer = info.createSerializer(noKryo);

    DataOutputSerializer out = new DataOutputSerializer(256);
    serializer.serialize(sample, out);
    T copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    assertThat(copy).usingRecursiveComparison().isEqualTo(sample);
  }
}
