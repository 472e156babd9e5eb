package io.hotwatch.flink.files;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.flink.event.ParsedIncident;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.stream.Stream;

/**
 * The records of several incident files in event-time order: each file is read and sorted on its own (a sorted run),
 * then the runs are merged k ways. Rows that could not be parsed come first, as dead letters naming file and line:
 * they have no event time to be ordered by.
 *
 * <p>The order is deterministic: equal times keep file order, then row order, so a restored reader can skip what it
 * had emitted.
 */
final class TimeOrderedIncidents implements Iterator<ParsedIncident> {

  private static final Comparator<Incident> BY_TIME = Comparator.comparing(Incident::occurredAt);

  private final Iterator<DeadLetter> rejected;
  private final PriorityQueue<Run> runs;
  private long outsideRange;

  private TimeOrderedIncidents(List<DeadLetter> rejected, List<Run> runs, long outsideRange) {
    this.rejected = rejected.iterator();
    this.runs =
        new PriorityQueue<>(Comparator.<Run, Incident>comparing(Run::head, BY_TIME).thenComparingInt(r -> r.file));
    runs.stream().filter(Run::hasHead).forEach(this.runs::add);
    this.outsideRange = outsideRange;
  }

  /** Reads and sorts every file; rows {@code keep} refuses are counted in {@link #outsideRange()} and left out. */
  static TimeOrderedIncidents read(List<String> files, IncidentFileSource.Filter keep, Clock clock)
      throws IOException {
    List<DeadLetter> rejected = new ArrayList<>();
    List<Run> runs = new ArrayList<>();
    long outside = 0;
    for (int f = 0; f < files.size(); f++) {
      String file = files.get(f);
      List<Incident> run = new ArrayList<>();
      try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(Path.of(file))) {
        for (Iterator<ParsedRow<Incident>> it = rows.iterator(); it.hasNext(); ) {
          ParsedRow<Incident> row = it.next();
          if (!row.isOk()) {
            rejected.add(
                new DeadLetter(file, "line " + row.line() + ": " + row.rejection(), row.raw(), clock.instant()));
          } else if (keep.test(row.value())) {
            run.add(row.value());
          } else {
            outside++;
          }
        }
      }
      run.sort(BY_TIME); // stable: equal times keep row order
      runs.add(new Run(f, run));
    }
    return new TimeOrderedIncidents(rejected, runs, outside);
  }

  /** Parsed rows left out because {@code keep} refused them (e.g. outside the date range). */
  long outsideRange() {
    return outsideRange;
  }

  @Override
  public boolean hasNext() {
    return rejected.hasNext() || !runs.isEmpty();
  }

  @Override
  public ParsedIncident next() {
    if (rejected.hasNext()) {
      return ParsedIncident.rejected(rejected.next());
    }
    Run run = runs.poll();
    if (run == null) {
      throw new NoSuchElementException();
    }
    Incident next = run.take();
    if (run.hasHead()) {
      runs.add(run);
    }
    return ParsedIncident.valid(next);
  }

  /** One file's incidents sorted by time, consumed from the front. */
  private static final class Run {
    final int file;
    private final List<Incident> incidents;
    private int position;

    Run(int file, List<Incident> incidents) {
      this.file = file;
      this.incidents = incidents;
    }

    boolean hasHead() {
      return position < incidents.size();
    }

    Incident head() {
      return incidents.get(position);
    }

    Incident take() {
      Incident head = incidents.get(position);
      incidents.set(position++, null); // let emitted incidents be collected
      return head;
    }
  }
}
