package io.hotwatch.deploy.ingest;

import io.hotwatch.core.event.DeadLetter;
import io.hotwatch.core.event.Incident;
import io.hotwatch.core.json.EventCodec;
import io.hotwatch.core.source.ParsedRow;
import io.hotwatch.deploy.ReplayInput;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a Socrata endpoint of Chicago's crimes and produces each new or updated row to Kafka: an incident keyed by its
 * id, or a dead letter with the reason and the row's JSON. Pages follow the (:updated_at, :id) order; after each page
 * is produced and the producer flushed, the page's last row becomes the high-water mark in the state file.
 *
 * <p>What "no duplicates" means: a run never produces the same (id, :updated_at) twice, and a run that resumes from
 * the state file starts strictly after the last row of the last page recorded there. A run stopped between pages
 * (Ctrl-C, a server that fails, a 4xx) therefore resumes with no row lost and none repeated. Only a process killed
 * after a page was flushed and before its mark was written re-produces that one page (at most {@code --page-size}
 * records, each identical to the one already on the topic, which the job counts as a repeat and ignores). A row that
 * the source updates later has a later :updated_at and comes again: a re-report, by design.
 */
public final class SocrataIngest {

  private static final Logger LOG = LoggerFactory.getLogger(SocrataIngest.class);

  /** Record headers naming the row an incident came from, in the source's own terms. */
  public static final String ROW_ID_HEADER = "socrata-row-id";

  public static final String UPDATED_AT_HEADER = "socrata-updated-at";

  /**
   * What to ingest and how.
   *
   * @param url the data set's JSON endpoint
   * @param topic where incidents go
   * @param deadLetterTopic where rejected rows go
   * @param stateFile where the high-water mark is kept
   * @param pageSize rows per request
   * @param pollInterval the wait between polls once caught up
   * @param once stop once caught up instead of polling on
   * @param since the first :updated_at read when the state file holds no mark yet (null: from the first row)
   */
  public record Settings(
      URI url, String topic, String deadLetterTopic, Path stateFile, int pageSize, Duration pollInterval,
      boolean once, Instant since) {}

  private final SodaClient client;
  private final Producer<String, String> producer;
  private final Settings settings;
  private final Clock clock;
  private final EventCodec codec = new EventCodec();
  private final ChicagoSodaRows rows = new ChicagoSodaRows();
  private final CountDownLatch stopped = new CountDownLatch(1);

  private long pages;
  private long read;
  private long produced;
  private long rejected;
  private final Map<String, Long> rejections = new HashMap<>();
  private HighWaterMark mark;

  public SocrataIngest(SodaClient client, Producer<String, String> producer, Settings settings, Clock clock) {
    this.client = client;
    this.producer = producer;
    this.settings = settings;
    this.clock = clock;
  }

  /** Ends the run after the page in hand is produced and recorded (a request in flight is abandoned). */
  public void stop() {
    stopped.countDown();
    client.stop();
  }

  /** What this run has done so far. */
  public synchronized IngestSummary summary() {
    return new IngestSummary(pages, read, produced, rejected, rejections, mark);
  }

  /** Ingests until stopped, or until caught up with {@code once}. */
  public IngestSummary run() throws Exception {
    Optional<IngestState> saved = IngestState.load(settings.stateFile());
    String url = settings.url().toString();
    if (saved.isPresent() && !saved.get().url().equals(url)) {
      throw new IOException("state file " + settings.stateFile() + " belongs to " + saved.get().url() + ", not " + url);
    }
    IngestState totals = saved.orElse(new IngestState(url, null, null, 0, 0, 0, null));
    synchronized (this) {
      mark = saved.map(IngestState::mark)
          .orElse(settings.since() == null ? null : HighWaterMark.before(settings.since()));
    }
    LOG.info("ingesting {} after {}", url, mark == null ? "nothing (from the first row)" : mark);
    while (stopped.getCount() > 0) {
      List<SodaRow> page;
      try {
        page = client.rowsAfter(mark, settings.pageSize());
      } catch (SodaClient.StoppedException e) {
        break;
      }
      if (!page.isEmpty()) {
        totals = produce(page, totals);
      }
      if (page.size() < settings.pageSize()) {
        if (settings.once()) {
          break;
        }
        stopped.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
    IngestSummary summary = summary();
    LOG.info("done: {}", summary.line());
    return summary;
  }

  /** Produces one page, flushes, and records its mark; returns the totals written to the state file. */
  private IngestState produce(List<SodaRow> page, IngestState totals) throws IOException {
    HighWaterMark after = mark;
    HighWaterMark pageMark = after;
    AtomicReference<Exception> failure = new AtomicReference<>();
    long pageProduced = 0;
    Map<String, Long> pageRejections = new HashMap<>();
    for (SodaRow soda : page) {
      ChicagoSodaRows.Parsed parsed = rows.parse(read + pageProduced + count(pageRejections) + 1, soda);
      HighWaterMark rowMark = parsed.mark();
      if (rowMark != null && after != null && rowMark.compareTo(after) <= 0) {
        throw new IOException(settings.url() + " returned row " + rowMark.rowId() + " (updated " + rowMark.updatedAt()
            + ") at or before the high-water mark " + after + ": it does not honour $where and $order");
      }
      if (rowMark != null && (pageMark == null || rowMark.compareTo(pageMark) > 0)) {
        pageMark = rowMark;
      }
      ParsedRow<Incident> row = parsed.row();
      ProducerRecord<String, String> record;
      if (row.isOk()) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ROW_ID_HEADER, rowMark.rowId().getBytes(StandardCharsets.UTF_8));
        headers.add(UPDATED_AT_HEADER, rowMark.updatedAt().toString().getBytes(StandardCharsets.UTF_8));
        record = new ProducerRecord<>(
            settings.topic(), null, row.value().id(), codec.encode(row.value()), headers);
        pageProduced++;
      } else {
        DeadLetter letter = new DeadLetter(settings.url().toString(), row.rejection(), row.raw(), clock.instant());
        record = new ProducerRecord<>(settings.deadLetterTopic(), null, codec.encode(letter));
        pageRejections.merge(ReplayInput.reasonKind(row.rejection()), 1L, Long::sum);
      }
      producer.send(record, (metadata, e) -> {
        if (e != null) {
          failure.compareAndSet(null, e);
        }
      });
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IOException("producing a page to Kafka failed (the high-water mark stays at " + after + "): "
          + failure.get().getMessage(), failure.get());
    }
    if (pageMark == after) {
      throw new IOException("a page of " + page.size() + " rows has no row with a valid :id and :updated_at;"
          + " the ingest cannot move past it");
    }
    long pageRejected = count(pageRejections);
    IngestState next = new IngestState(settings.url().toString(), pageMark.updatedAt(), pageMark.rowId(),
        totals.pages() + 1, totals.produced() + pageProduced, totals.rejected() + pageRejected, clock.instant());
    next.save(settings.stateFile());
    synchronized (this) {
      mark = pageMark;
      pages++;
      read += page.size();
      produced += pageProduced;
      rejected += pageRejected;
      pageRejections.forEach((reason, n) -> rejections.merge(reason, n, Long::sum));
    }
    LOG.info("page {}: {} rows, {} produced, {} rejected; high-water mark {} {}",
        pages, page.size(), pageProduced, pageRejected, pageMark.updatedAt(), pageMark.rowId());
    return next;
  }

  private static long count(Map<String, Long> reasons) {
    return reasons.values().stream().mapToLong(Long::longValue).sum();
  }
}
