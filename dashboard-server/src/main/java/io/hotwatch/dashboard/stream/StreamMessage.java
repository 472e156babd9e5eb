package io.hotwatch.dashboard.stream;

/**
 * One message of the live stream, encoded once for every client.
 *
 * @param seq its place in the stream: 1, 2, 3... with no gaps
 * @param type {@code opened}, {@code updated}, {@code closed}, {@code trend}, {@code incident} or {@code ack}
 * @param json the whole message, UTF-8 JSON, as every client receives it
 * @param scope what it is about, for subscription filters
 * @param appendedAtMillis wall-clock time it joined the stream (for the resume retention)
 * @param polledAtNanos {@link System#nanoTime()} when the Kafka record behind it was polled (its append time when
 *     none was)
 */
public record StreamMessage(long seq, String type, byte[] json, Scope scope, long appendedAtMillis, long polledAtNanos) {}
