package io.hotwatch.core.event;

import java.time.Instant;

/**
 * A stream record that could not be processed, kept with the reason and its original payload.
 *
 * @param topic the topic (or input) the record was read from
 * @param reason why it was rejected, naming the field and the value
 * @param payload the original record text, unchanged
 * @param rejectedAt when it was rejected (processing time)
 */
public record DeadLetter(String topic, String reason, String payload, Instant rejectedAt) {}
