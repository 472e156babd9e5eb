package io.hotwatch.flink.files;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.IncidentRowSink;
import io.hotwatch.flink.event.ParsedIncident;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The records of several incident files in event-time order. Rows that could not be parsed come first, as dead
 * letters naming file and line: they have no event time to be ordered by. The incidents follow sorted by time; equal
 * times keep file order, then row order, so the order is deterministic and a restored reader can skip what it had
 * emitted.
 *
 * <p>The files are parsed side by side, one thread each up to the number of cores, and sorted as one array (see
 * {@link IncidentTimeOrder}).
 */
final class TimeOrderedIncidents implements Iterator<ParsedIncident> {

  private final List<DeadLetter> rejected;
  private final Incident[] incidents;
  private final long outsideRange;
  private int nextRejected;
  private int nextIncident;

  private TimeOrderedIncidents(List<DeadLetter> rejected, Incident[] incidents, long outsideRange) {
    this.rejected = rejected;
    this.incidents = incidents;
    this.outsideRange = outsideRange;
  }

  /** Reads and sorts every file; rows {@code keep} refuses are counted in {@link #outsideRange()} and left out. */
  static TimeOrderedIncidents read(List<String> files, IncidentFileSource.Filter keep, Clock clock)
      throws IOException {
    List<FileRows> parsed = parseAll(files, clock);
    List<DeadLetter> rejected = new ArrayList<>();
    List<Incident> kept = new ArrayList<>();
    long outside = 0;
    // the filter runs here, on one thread: it is the caller's code and need not be thread-safe
    for (FileRows rows : parsed) {
      rejected.addAll(rows.rejected);
      for (Incident incident : rows.incidents) {
        if (keep.test(incident)) {
          kept.add(incident);
        } else {
          outside++;
        }
      }
      rows.incidents.clear();
    }
    return new TimeOrderedIncidents(rejected, IncidentTimeOrder.sort(kept), outside);
  }

  private static List<FileRows> parseAll(List<String> files, Clock clock) throws IOException {
    int threads = Math.min(files.size(), Runtime.getRuntime().availableProcessors());
    if (threads <= 1) {
      List<FileRows> parsed = new ArrayList<>();
      for (String file : files) {
        parsed.add(FileRows.parse(file, clock));
      }
      return parsed;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "incident-file-parser");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<FileRows>> futures = new ArrayList<>();
      for (String file : files) {
        futures.add(pool.submit(() -> FileRows.parse(file, clock)));
      }
      List<FileRows> parsed = new ArrayList<>();
      for (Future<FileRows> future : futures) {
        parsed.add(future.get());
      }
      return parsed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading incident files", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof UncheckedIOException io) {
        throw io.getCause();
      }
      throw new IOException("reading incident files failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Parsed rows left out because {@code keep} refused them (e.g. outside the date range). */
  long outsideRange() {
    return outsideRange;
  }

  @Override
  public boolean hasNext() {
    return nextRejected < rejected.size() || nextIncident < incidents.length;
  }

  @Override
  public ParsedIncident next() {
    if (nextRejected < rejected.size()) {
      return ParsedIncident.rejected(rejected.get(nextRejected++));
    }
    if (nextIncident >= incidents.length) {
      throw new NoSuchElementException();
    }
    Incident next = incidents[nextIncident];
    incidents[nextIncident++] = null; // let emitted incidents be collected
    return ParsedIncident.valid(next);
  }

  /** One file's rows: its incidents in row order and its rejected rows as dead letters. */
  private static final class FileRows implements IncidentRowSink {
    private final String file;
    private final Clock clock;
    final List<Incident> incidents = new ArrayList<>();
    final List<DeadLetter> rejected = new ArrayList<>();

    private FileRows(String file, Clock clock) {
      this.file = file;
      this.clock = clock;
    }

    static FileRows parse(String file, Clock clock) throws IOException {
      FileRows rows = new FileRows(file, clock);
      IncidentFiles.read(Path.of(file), rows);
      return rows;
    }

    @Override
    public void incident(long line, Incident incident) {
      incidents.add(incident);
    }

    @Override
    public void rejected(long line, String reason, String raw) {
      rejected.add(new DeadLetter(file, "line " + line + ": " + reason, raw, clock.instant()));
    }
  }
}
