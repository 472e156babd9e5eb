package io.hotwatch.core.model;

import io.hotwatch.core.event.Incident;
import io.hotwatch.core.features.FeatureEncoder;
import io.hotwatch.core.features.IncidentContext;
import io.hotwatch.core.features.LocalHistory;
import io.hotwatch.core.geo.CellIndex;
import io.hotwatch.core.source.IncidentFiles;
import io.hotwatch.core.source.ParsedRow;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Cost per incident of scoring with the bundled category model on the bundled month of real Chicago incidents: what
 * the stream pays (incident with its local history in, probabilities out, encoding and normalisation included) one
 * incident per call and in batches, then its parts on batches of 1024: the encoder alone, the standardisation alone,
 * the network alone, and the local history (computed before batching, in memory) alone, with and without placing the
 * incident in its H3 cell; and the whole of what the stream's scorer pays per incident: its local history in the cell
 * it arrives with, then its share of a batch of 1024 encoded, standardised and scored.
 * Every figure is per incident (JMH's operations per invocation = the batch size). Run: see docs/BENCHMARKS.md.
 *
 * <p>Besides JMH's wall-clock average, each measurement iteration prints the CPU time the benchmark thread spent per
 * incident ("cpu per incident"): on a machine shared with other work, wall-clock time also counts the time the thread
 * waited for a core, CPU time does not. Reading the thread's CPU clock twice per call adds well under a microsecond
 * per call to the wall-clock figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class CategoryScoringBenchmark {

  private static final Path MODEL = Path.of("../deploy/demo/model");
  private static final Path MONTH = Path.of("../deploy/demo/data/chicago_crimes_2017-07.csv.gz");
  private static final int PART_BATCH = 1024;

  private List<Incident> month;
  private List<IncidentContext> incidents;
  private LocalHistory.Sequence history;
  private int nextForHistory;
  private String[] cellOfIncident;
  private LocalHistory.InMemory streamHistory;
  private int nextForStream;
  private LocalHistory.InMemory inCellHistory;
  private int nextInCell;
  private ScoringBatch streamBatch;
  private ScoringBatch streamBatch256;
  private CategoryModel model;
  private FeatureEncoder encoder;
  private NetworkInput input;
  private float[] encodeBuffer;
  private float[] encodedRows;
  private INDArray inputRows;
  private INDArray denseRows;
  private int[] hotFeatures;
  private DenseForwardPass forwardPass;
  private float[] probabilities;
  private int next;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long cpuNanos;
  private long scored;

  @Setup
  public void load() throws Exception {
    try (Stream<ParsedRow<Incident>> rows = IncidentFiles.read(MONTH)) {
      // in time order, as the stream releases them at each watermark
      month =
          rows.filter(ParsedRow::isOk)
              .map(ParsedRow::value)
              .sorted(Comparator.comparing(Incident::occurredAt).thenComparing(Incident::id))
              .toList();
    }
    model = CategoryModel.load(MODEL);
    streamBatch = model.newBatch(PART_BATCH);
    streamBatch256 = model.newBatch(256);
    incidents = model.contexts(month);
    history = model.history().sequence();
    cellOfIncident = incidents.stream().map(IncidentContext::cell).toArray(String[]::new);
    streamHistory = new LocalHistory.InMemory();
    inCellHistory = new LocalHistory.InMemory();
    encoder = model.encoder();
    input = model.input();
    encodeBuffer = new float[PART_BATCH * encoder.width()];
    for (int i = 0; i < PART_BATCH; i++) {
      encoder.encode(incidents.get(i), encodeBuffer, i * encoder.width());
    }
    encodedRows = encodeBuffer.clone();
    inputRows =
        Nd4j.create(input.rows(incidents.subList(0, PART_BATCH)), new long[] {PART_BATCH, encoder.width()}, 'c');
    probabilities = new float[PART_BATCH * model.categories().size()];
    float[] dense = new float[PART_BATCH * encoder.denseWidth()];
    hotFeatures = new int[PART_BATCH * FeatureEncoder.ONE_HOT_GROUPS];
    input.writeCompact(incidents.subList(0, PART_BATCH), dense, hotFeatures);
    denseRows = Nd4j.create(dense, new long[] {PART_BATCH, encoder.denseWidth()}, 'c');
    forwardPass = DenseForwardPass.of(model.network());
    forwardPass.foldOneHot(input);
  }

  @Setup(Level.Iteration)
  public void resetCpu() {
    cpuNanos = 0;
    scored = 0;
  }

  @TearDown(Level.Iteration)
  public void printCpu(BenchmarkParams benchmark, IterationParams iteration) {
    if (iteration.getType() == IterationType.MEASUREMENT && scored > 0) {
      System.out.printf(
          Locale.ROOT, "%s cpu per incident %.3f us (%d incidents)%n", benchmark.getBenchmark(),
          cpuNanos / 1e3 / scored, scored);
    }
  }

  private void count(long cpuStart, int incidents) {
    cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
    scored += incidents;
  }

  /** The next {@code size} incidents of the month, wrapping round at its end. */
  private List<IncidentContext> nextBatch(int size) {
    if (next + size > incidents.size()) {
      next = 0;
    }
    List<IncidentContext> batch = incidents.subList(next, next + size);
    next += size;
    return batch;
  }

  private float[] score(int size) {
    List<IncidentContext> batch = nextBatch(size);
    long start = threads.getCurrentThreadCpuTime();
    model.predictInContext(batch, probabilities);
    count(start, size);
    return probabilities;
  }

  @Benchmark
  public float[] oneAtATime() {
    return score(1);
  }

  @Benchmark
  @OperationsPerInvocation(16)
  public float[] batchOf16() {
    return score(16);
  }

  @Benchmark
  @OperationsPerInvocation(64)
  public float[] batchOf64() {
    return score(64);
  }

  @Benchmark
  @OperationsPerInvocation(256)
  public float[] batchOf256() {
    return score(256);
  }

  @Benchmark
  @OperationsPerInvocation(1024)
  public float[] batchOf1024() {
    return score(1024);
  }

  /** The encoder alone, 1024 incidents into one reused buffer. */
  @Benchmark
  @OperationsPerInvocation(PART_BATCH)
  public float[] encoderAlone() {
    List<IncidentContext> batch = nextBatch(PART_BATCH);
    long start = threads.getCurrentThreadCpuTime();
    int width = encoder.width();
    for (int i = 0; i < PART_BATCH; i++) {
      encoder.encode(batch.get(i), encodeBuffer, i * width);
    }
    count(start, PART_BATCH);
    return encodeBuffer;
  }

  /**
   * The local history of 1024 incidents in time order, in memory (H3 cell, counts of the cell's ring, recording,
   * forgetting): what training does per row; the stream does the same over keyed state, whose cost this leaves out.
   */
  @Benchmark
  @OperationsPerInvocation(PART_BATCH)
  public Object localHistoryAlone() {
    if (nextForHistory + PART_BATCH > month.size()) {
      nextForHistory = 0;
      history = model.history().sequence(); // back to the month's start: a fresh history, as time cannot go back
    }
    long start = threads.getCurrentThreadCpuTime();
    IncidentContext last = null;
    for (int i = nextForHistory; i < nextForHistory + PART_BATCH; i++) {
      last = history.next(month.get(i));
    }
    count(start, PART_BATCH);
    nextForHistory += PART_BATCH;
    return last;
  }

  /**
   * The local history of 1024 incidents in time order as the stream's scorer computes it: the incident arrives with its
   * cell's address (placed upstream), gets the counts of the cell's ring, then is recorded; its cell forgets what the
   * week left behind.
   */
  @Benchmark
  @OperationsPerInvocation(PART_BATCH)
  public Object localHistoryInCell() {
    if (nextInCell + PART_BATCH > month.size()) {
      nextInCell = 0;
      inCellHistory = new LocalHistory.InMemory();
    }
    long start = threads.getCurrentThreadCpuTime();
    IncidentContext last = null;
    for (int i = nextInCell; i < nextInCell + PART_BATCH; i++) {
      last = inCell(inCellHistory, i);
    }
    count(start, PART_BATCH);
    nextInCell += PART_BATCH;
    return last;
  }

  /**
   * The whole cost per incident of the stream's scorer in batches of 1024, as the scorer builds its
   * batch ({@link ScoringBatch}): each incident encoded into its row with its local history from the cell it arrives
   * with (as {@link #localHistoryInCell}: counts, recording, forgetting), standardised; then the batch scored by the
   * network in one call.
   */
  @Benchmark
  @OperationsPerInvocation(PART_BATCH)
  public float[] historyThenBatchOf1024() {
    return historyThenBatch(PART_BATCH);
  }

  /** As {@link #historyThenBatchOf1024} in batches of 256, the job's default batch size. */
  @Benchmark
  @OperationsPerInvocation(256)
  public float[] historyThenBatchOf256() {
    return historyThenBatch(256);
  }

  private float[] historyThenBatch(int size) {
    if (nextForStream + size > month.size()) {
      nextForStream = 0;
      streamHistory = new LocalHistory.InMemory();
    }
    ScoringBatch batch = size == PART_BATCH ? streamBatch : streamBatch256;
    long start = threads.getCurrentThreadCpuTime();
    try {
      for (int i = nextForStream; i < nextForStream + size; i++) {
        Incident incident = month.get(i);
        batch.add(
            streamHistory, CellIndex.idOf(cellOfIncident[i]), cellOfIncident[i], incident,
            LocalHistory.horizon(incident.occurredAt().toEpochMilli()));
      }
    } catch (Exception e) {
      throw new IllegalStateException("an in-memory history store failed", e);
    }
    batch.score(probabilities);
    count(start, size);
    nextForStream += size;
    return probabilities;
  }

  /** Incident {@code i} of the month with its history from {@code store}, then recorded there, as the scorer does. */
  private IncidentContext inCell(LocalHistory.InMemory store, int i) {
    LocalHistory local = model.history();
    Incident incident = month.get(i);
    long cell = CellIndex.idOf(cellOfIncident[i]);
    float[] features = new float[local.width()];
    try {
      local.writeThenRecord(store, cell, incident, features, 0, LocalHistory.horizon(incident.occurredAt().toEpochMilli()));
    } catch (Exception e) {
      throw new IllegalStateException("an in-memory history store failed", e);
    }
    return new IncidentContext(incident, cellOfIncident[i], features);
  }

  /** Standardising 1024 encoded rows in place (the same rows each time: the cost does not depend on the values). */
  @Benchmark
  @OperationsPerInvocation(PART_BATCH)
  public float[] standardisationAlone() {
    System.arraycopy(encodedRows, 0, encodeBuffer, 0, encodedRows.length);
    long start = threads.getCurrentThreadCpuTime();
    input.standardise(encodeBuffer, PART_BATCH);
    count(start, PART_BATCH);
    return encodeBuffer;
  }

  /**
   * The network alone fed the compact form of the same 1024 rows built beforehand (the first layer's one-hot features
   * looked up, {@link DenseForwardPass#foldOneHot}), probabilities copied out (with the softmax): what scoring runs.
   */
  @Benchmark
  @OperationsPerInvocation(PART_BATCH)
  public float[] compactNetworkAlone() {
    long start = threads.getCurrentThreadCpuTime();
    forwardPass.output(denseRows, hotFeatures, probabilities);
    count(start, PART_BATCH);
    return probabilities;
  }

  /** The network alone on 1024 full input rows built beforehand, output left in its ND4J array. */
  @Benchmark
  @OperationsPerInvocation(PART_BATCH)
  public INDArray networkAlone() {
    long start = threads.getCurrentThreadCpuTime();
    INDArray output = model.output(inputRows);
    count(start, PART_BATCH);
    return output;
  }
}
