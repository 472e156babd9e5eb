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
import java.util.Arrays;
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
 * <p>The files are parsed side by side, one thread each up to the number of cores, kept as {@link IncidentColumns} and
 * sorted as one array of times (see {@link IncidentTimeOrder}).
 */
final class TimeOrderedIncidents implements Iterator<ParsedIncident> {

  private final List<DeadLetter> rejected;
  private final IncidentColumns[] files;
  private final int[] fileStarts; // position of each file's first row among all files' rows
  private final int[] kept; // positions of the kept rows, in time order
  private final long outsideRange;
  private int nextRejected;
  private int nextIncident;

  private TimeOrderedIncidents(
      List<DeadLetter> rejected, IncidentColumns[] files, int[] fileStarts, int[] kept, long outsideRange) {
    this.rejected = rejected;
    this.files = files;
    this.fileStarts = fileStarts;
    this.kept = kept;
    this.outsideRange = outsideRange;
  }

  /** Reads and sorts every file; rows {@code keep} refuses are counted in {@link #outsideRange()} and left out. */
  static TimeOrderedIncidents read(List<String> files, IncidentFileSource.Filter keep, Clock clock)
      throws IOException {
    List<FileRows> parsed = parseAll(files, clock);
    List<DeadLetter> rejected = new ArrayList<>();
    IncidentColumns[] columns = new IncidentColumns[parsed.size()];
    int[] fileStarts = new int[parsed.size()];
    int total = 0;
    for (int f = 0; f < columns.length; f++) {
      rejected.addAll(parsed.get(f).rejected);
      columns[f] = parsed.get(f).incidents;
      fileStarts[f] = total;
      total += columns[f].size();
    }
    // the filter runs here, on one thread: it is the caller's code and need not be thread-safe
    int[] positions = new int[total];
    long[] seconds = new long[total];
    int[] nanos = new int[total];
    int n = 0;
    boolean all = keep.keepsAll();
    for (int f = 0; f < columns.length; f++) {
      IncidentColumns file = columns[f];
      for (int row = 0; row < file.size(); row++) {
        if (all || keep.test(file.get(row))) {
          positions[n] = fileStarts[f] + row;
          seconds[n] = file.occurredSecond(row);
          nanos[n++] = file.occurredNano(row);
        }
      }
    }
    int[] order = IncidentTimeOrder.order(Arrays.copyOf(seconds, n), Arrays.copyOf(nanos, n));
    int[] kept = new int[n];
    for (int i = 0; i < n; i++) {
      kept[i] = positions[order[i]];
    }
    return new TimeOrderedIncidents(rejected, columns, fileStarts, kept, total - n);
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
    return nextRejected < rejected.size() || nextIncident < kept.length;
  }

  @Override
  public ParsedIncident next() {
    if (nextRejected < rejected.size()) {
      return ParsedIncident.rejected(rejected.get(nextRejected++));
    }
    if (nextIncident >= kept.length) {
      throw new NoSuchElementException();
    }
    int position = kept[nextIncident++];
    int file = fileStarts.length - 1;
    while (fileStarts[file] > position) {
      file--;
    }
    return ParsedIncident.valid(files[file].get(position - fileStarts[file]));
  }

  /** One file's rows: its incidents in row order and its rejected rows as dead letters. */
  private static final class FileRows implements IncidentRowSink {
    private final String file;
    private final Clock clock;
    final IncidentColumns incidents = new IncidentColumns();
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
