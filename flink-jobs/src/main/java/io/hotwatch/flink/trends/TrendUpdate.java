package io.hotwatch.flink.trends;

/**
 * One incident joining or leaving the count of one trend key: small on purpose, as each incident becomes up to three
 * of them.
 *
 * @param key {@code district|category}, {@code district|ALL} or {@code CITY|ALL}
 * @param occurredAt the incident's event time, epoch milliseconds
 * @param sign +1 for an incident joining the count, -1 for one leaving it
 */
public record TrendUpdate(String key, long occurredAt, int sign) {}
