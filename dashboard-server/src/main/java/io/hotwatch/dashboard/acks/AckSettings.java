package io.hotwatch.dashboard.acks;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * {@code hotwatch.acks}: the compacted topic acknowledgements are kept in, and how long a note may be.
 *
 * @param topic compacted topic, one record per acknowledged alert (created with compaction when missing)
 * @param maxNoteLength longest note accepted, in characters
 */
@ConfigurationProperties("hotwatch.acks")
public record AckSettings(
    @Bindable(defaultValue = "alert-acks") String topic, @Bindable(defaultValue = "500") int maxNoteLength) {}
