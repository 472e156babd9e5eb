package io.hotwatch.flink.files;

import static org.assertj.core.api.Assertions.assertThat;

import io.hotwatch.core.event.Incident;
import io.hotwatch.flink.TestData;
import io.hotwatch.flink.event.ParsedIncident;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;

/**
 * The source reader over a week of the real 2017 file: a reader restored from a mid-stream snapshot emits exactly the
 * rest of what an uninterrupted reader emits; serializers round-trip its state. The reader context and output are
 * minimal stand-ins for Flink's (its test utilities for sources are not on this build's classpath).
 */
class IncidentFilesReaderTest {

  private static final Instant FROM = Instant.parse("2017-03-01T06:00:00Z");
  private static final Instant TO = Instant.parse("2017-03-08T06:00:00Z");
  private static final IncidentFileSource.Filter WEEK =
      i -> !i.occurredAt().isBefore(FROM) && i.occurredAt().isBefore(TO);

  @Test
  void aRestoredSplitEmitsExactlyTheRest() throws Exception {
    IncidentFilesSplit split = new IncidentFilesSplit(List.of(TestData.chicago2017().toString()), 0);
    List<ParsedIncident> whole = drain(reader(split), Integer.MAX_VALUE).records;
    int rejected = (int) whole.stream().filter(ParsedIncident::isRejected).count();
    assertThat(whole.size() - rejected).isGreaterThan(4000);
    // stop polling in the middle of the week's incidents; a poll emits a batch, so the cut is where that batch ended
    Run firstPart = drain(reader(split), rejected + 1500);
    int cut = firstPart.records.size();
    assertThat(cut).isLessThan(whole.size());
    assertThat(firstPart.records).isEqualTo(whole.subList(0, cut));
    List<IncidentFilesSplit> state = firstPart.reader.snapshotState(1);
    assertThat(state).singleElement().extracting(IncidentFilesSplit::emitted).isEqualTo((long) cut);

    byte[] bytes = IncidentFilesSplit.Serializer.INSTANCE.serialize(state.get(0));
    IncidentFilesSplit restored = IncidentFilesSplit.Serializer.INSTANCE.deserialize(1, bytes);
    assertThat(restored).isEqualTo(state.get(0));
    assertThat(IncidentFilesSplit.ListSerializer.INSTANCE.deserialize(
        1, IncidentFilesSplit.ListSerializer.INSTANCE.serialize(state))).isEqualTo(state);

    Run rest = drain(reader(restored), Integer.MAX_VALUE);
    assertThat(rest.records).isEqualTo(whole.subList(cut, whole.size()));
    assertThat(rest.reader.snapshotState(2)).isEmpty();
    List<Incident> valid = whole.stream().filter(r -> !r.isRejected()).map(ParsedIncident::incident).toList();
    assertThat(valid).allSatisfy(i -> assertThat(WEEK.test(i)).isTrue());
  }

  @Test
  void aReaderWithoutTheSplitEndsAtOnce() throws Exception {
    IncidentFilesReader reader = new IncidentFilesReader(new Context(), WEEK, Clock.systemUTC());
    Output output = new Output();
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
    assertThat(reader.isAvailable()).isNotDone();
    reader.notifyNoMoreSplits();
    assertThat(reader.isAvailable()).isDone();
    assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
    assertThat(output.records).isEmpty();
  }

  private static IncidentFilesReader reader(IncidentFilesSplit split) {
    // dead letters carry the time they were made: fixed, so that two readers' records can be compared
    IncidentFilesReader reader = new IncidentFilesReader(new Context(), WEEK, Clock.fixed(TO, ZoneOffset.UTC));
    reader.addSplits(List.of(split));
    reader.notifyNoMoreSplits();
    return reader;
  }

  private record Run(IncidentFilesReader reader, List<ParsedIncident> records) {}

  private static Run drain(IncidentFilesReader reader, int limit) throws Exception {
    Output output = new Output();
    while (output.records.size() < limit && reader.pollNext(output) != InputStatus.END_OF_INPUT) {
      // keep polling
    }
    return new Run(reader, output.records);
  }

  private static final class Output implements ReaderOutput<ParsedIncident> {
    final List<ParsedIncident> records = new ArrayList<>();

    @Override
    public void collect(ParsedIncident record) {
      records.add(record);
    }

    @Override
    public void collect(ParsedIncident record, long timestamp) {
      records.add(record);
    }

    @Override
    public void emitWatermark(Watermark watermark) {}

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<ParsedIncident> createOutputForSplit(String splitId) {
      return this;
    }

    @Override
    public void releaseOutputForSplit(String splitId) {}
  }

  private static final class Context implements SourceReaderContext {
    @Override
    public SourceReaderMetricGroup metricGroup() {
      return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
    }

    @Override
    public Configuration getConfiguration() {
      return new Configuration();
    }

    @Override
    public String getLocalHostName() {
      return "localhost";
    }

    @Override
    public int getIndexOfSubtask() {
      return 0;
    }

    @Override
    public void sendSplitRequest() {}

    @Override
    public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

    @Override
    public UserCodeClassLoader getUserCodeClassLoader() {
      return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
    }
  }
}
