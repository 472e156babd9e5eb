package io.hotwatch.flink.trends;

/**
 * What a trend key remembers besides its hourly counts.
 *
 * @param coveredFrom epoch hour of the local midnight from which the key has data
 * @param nextEmit epoch hour of the local midnight at which the key's next trend is due (its one pending timer)
 */
public record TrendKeyState(long coveredFrom, long nextEmit) {}
