package io.hotwatch.flink.files;

import io.hotwatch.core.event.Incident;
import io.hotwatch.flink.event.ParsedIncident;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A bounded source of incident files (Chicago crimes, NYPD shootings; plain or gzipped) in event-time order, as the
 * Kafka topic delivers them to the job: valid incidents, and rows that could not be parsed as dead letters.
 *
 * <p>The files are not in time order, so one reader reads them all, sorts each and merges them (see {@code
 * TimeOrderedIncidents}); the other readers finish at once. That keeps the stream's watermark exact.
 */
public final class IncidentFileSource
    implements Source<ParsedIncident, IncidentFilesSplit, List<IncidentFilesSplit>>,
        ResultTypeQueryable<ParsedIncident> {

  private static final long serialVersionUID = 1L;

  /** Which parsed incidents to keep (e.g. a date range); serializable, as it travels to the task manager. */
  @FunctionalInterface
  public interface Filter extends Predicate<Incident>, Serializable {
    Filter ALL = new Filter() {
      private static final long serialVersionUID = 1L;

      @Override
      public boolean test(Incident incident) {
        return true;
      }

      @Override
      public boolean keepsAll() {
        return true;
      }
    };

    /** True when every incident is kept, so that the source need not test each one. */
    default boolean keepsAll() {
      return false;
    }
  }

  private final List<String> files;
  private final Filter keep;

  /** {@code files} must be readable where the job runs; absolute paths are safest. */
  public IncidentFileSource(List<Path> files, Filter keep) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no input files given");
    }
    this.files = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    this.keep = keep;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.BOUNDED;
  }

  @Override
  public SourceReader<ParsedIncident, IncidentFilesSplit> createReader(SourceReaderContext context) {
    return new IncidentFilesReader(context, keep, Clock.systemUTC());
  }

  @Override
  public SplitEnumerator<IncidentFilesSplit, List<IncidentFilesSplit>> createEnumerator(
      SplitEnumeratorContext<IncidentFilesSplit> context) {
    return new IncidentFilesEnumerator(context, List.of(new IncidentFilesSplit(files, 0)));
  }

  @Override
  public SplitEnumerator<IncidentFilesSplit, List<IncidentFilesSplit>> restoreEnumerator(
      SplitEnumeratorContext<IncidentFilesSplit> context, List<IncidentFilesSplit> unassigned) {
    return new IncidentFilesEnumerator(context, unassigned);
  }

  @Override
  public SimpleVersionedSerializer<IncidentFilesSplit> getSplitSerializer() {
    return IncidentFilesSplit.Serializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<List<IncidentFilesSplit>> getEnumeratorCheckpointSerializer() {
    return IncidentFilesSplit.ListSerializer.INSTANCE;
  }

  @Override
  public TypeInformation<ParsedIncident> getProducedType() {
    return TypeInformation.of(ParsedIncident.class);
  }
}
