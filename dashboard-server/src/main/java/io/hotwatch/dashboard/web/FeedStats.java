package io.hotwatch.dashboard.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.hotwatch.dashboard.stream.StreamCounters;
import java.time.Instant;

/**
 * How the feed is doing, for {@code GET /api/stats}.
 *
 * @param topic the topic read
 * @param recordsRead records polled since start, good or bad
 * @param malformedRecords records that did not parse or validate and were skipped
 * @param lastRejection topic-partition@offset and reason of the latest skipped record
 * @param activeHotspots hotspots open on the board now
 * @param ignoredEvents events not applied because their hotspot already had that revision or a later one (repeats)
 * @param newestEventTime latest evaluation time seen
 * @param openSessions WebSocket sessions open now
 * @param socket the live stream: sequence numbers, messages sent, filtered out and dropped by reason, resumes
 */
@Serdeable
public record FeedStats(
    String topic,
    long recordsRead,
    long malformedRecords,
    @Nullable String lastRejection,
    int activeHotspots,
    long ignoredEvents,
    @Nullable Instant newestEventTime,
    int openSessions,
    StreamCounters.Stats socket) {}
