package io.hotwatch.deploy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** A replay running in its own thread: watch its progress, stop it, wait for its result. */
public final class ReplayRun implements AutoCloseable {

  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final AtomicLong enqueued = new AtomicLong();
  private final CompletableFuture<ReplayResult> result = new CompletableFuture<>();
  private final long total;

  ReplayRun(long total) {
    this.total = total;
  }

  /** Asks the replay to send nothing more; records already handed to Kafka are still delivered. Returns at once. */
  public void stop() {
    stopSignal.countDown();
  }

  public boolean isStopRequested() {
    return stopSignal.getCount() == 0;
  }

  public boolean isDone() {
    return result.isDone();
  }

  /** Records handed to the producer so far. */
  public long enqueued() {
    return enqueued.get();
  }

  /** Records this replay will send if it is not stopped. */
  public long total() {
    return total;
  }

  /** Waits for the replay to finish (or stop) and returns its result. */
  public ReplayResult await() throws InterruptedException, ExecutionException {
    return result.get();
  }

  public ReplayResult await(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
    return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops the replay and waits for its in-flight records to be delivered. */
  @Override
  public void close() throws InterruptedException {
    stop();
    try {
      result.get();
    } catch (ExecutionException e) {
      // the failure belongs to whoever awaits the result; closing only has to end the run
    }
  }

  /** Sleeps for up to {@code nanos}; true when the replay was stopped meanwhile. */
  boolean sleepUnlessStopped(long nanos) throws InterruptedException {
    return stopSignal.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  void countEnqueued() {
    enqueued.incrementAndGet();
  }

  CompletableFuture<ReplayResult> result() {
    return result;
  }
}
