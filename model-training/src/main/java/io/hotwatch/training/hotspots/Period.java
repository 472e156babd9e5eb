package io.hotwatch.training.hotspots;

import java.time.Instant;

/**
 * A forecast period [start, end) and the one of the same calendar length before it.
 *
 * @param previousStart start of the period before; it ends at {@code start}
 */
record Period(Instant previousStart, Instant start, Instant end) {}
