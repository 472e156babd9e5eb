package io.hotwatch.core.replay;

import java.time.Instant;

/**
 * One dataset the replay service offers, as its catalogue topic holds it.
 *
 * @param name what a request names it by (the file name without its extensions)
 * @param description what it holds, for people
 * @param rows incidents it holds (rows that parse)
 * @param firstEvent occurrence time of its first incident
 * @param lastEvent occurrence time of its last incident
 */
public record ReplayDataset(String name, String description, long rows, Instant firstEvent, Instant lastEvent) {}
