package io.hotwatch.flink.functions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Buffers records until {@code batchSize} are waiting or the oldest has waited {@code maxDelayMillis} of processing
 * time, then hands them to {@link #process} at once: one network call per batch costs about what one call per record
 * does.
 *
 * <p>The buffer is flushed before a watermark is forwarded (no record is held past its watermark, so nothing becomes
 * late because of batching; records a subclass adds from the event-time timers the watermark fires go out before it
 * too), before a checkpoint barrier (the buffer is never part of a snapshot, so nothing is lost
 * on recovery) and at the end of input.
 *
 * @param <IN> what is buffered
 * @param <OUT> what a batch gives, one per record, each with its record's timestamp
 */
public abstract class MicroBatchOperator<IN, OUT> extends AbstractStreamOperator<OUT>
    implements OneInputStreamOperator<IN, OUT>, ProcessingTimeCallback {

  private static final long serialVersionUID = 1L;

  private final int batchSize;
  private final long maxDelayMillis;

  private transient List<StreamRecord<IN>> pending;
  private transient ScheduledFuture<?> flushTimer;

  protected MicroBatchOperator(int batchSize, long maxDelayMillis) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1");
    }
    if (maxDelayMillis < 1) {
      throw new IllegalArgumentException("batch delay " + maxDelayMillis + " ms must be at least 1 ms");
    }
    this.batchSize = batchSize;
    this.maxDelayMillis = maxDelayMillis;
  }

  /** The largest batch {@link #process} is given. */
  protected int batchSize() {
    return batchSize;
  }

  /**
   * Works out the batch's outputs and emits each with its record's timestamp, in the batch's order, e.g.
   * {@code output.collect(record.replace(result))}.
   */
  protected abstract void process(List<StreamRecord<IN>> batch);

  @Override
  public void open() throws Exception {
    super.open();
    pending = new ArrayList<>(batchSize);
  }

  @Override
  public void processElement(StreamRecord<IN> record) throws Exception {
    add(record);
  }

  /** Puts a record in the batch, flushing when it is full; for subclasses that release records later than they come. */
  protected final void add(StreamRecord<IN> record) {
    // records may be reused by the caller: keep our own
    pending.add(record.copy(record.getValue()));
    if (pending.size() >= batchSize) {
      flush();
    } else if (flushTimer == null) {
      long now = getProcessingTimeService().getCurrentProcessingTime();
      flushTimer = getProcessingTimeService().registerTimer(now + maxDelayMillis, this);
    }
  }

  @Override
  public void onProcessingTime(long time) {
    flushTimer = null;
    flush();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    if (timeServiceManager != null) {
      // what the event-time timers add while the watermark advances them leaves before the watermark, not after it
      timeServiceManager.advanceWatermark(mark);
      flush();
    }
    output.emitWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  private void flush() {
    if (flushTimer != null) {
      flushTimer.cancel(false);
      flushTimer = null;
    }
    if (pending.isEmpty()) {
      return;
    }
    process(pending);
    pending.clear();
  }
}
