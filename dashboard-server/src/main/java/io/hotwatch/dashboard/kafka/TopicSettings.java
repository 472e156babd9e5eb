package io.hotwatch.dashboard.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Topic names, shared with the pipeline: {@code hotwatch.topics.hotspot-events}, {@code hotwatch.topics.trends} and
 * {@code hotwatch.topics.scored-incidents} (the last two may be empty: then they are not read).
 */
@ConfigurationProperties("hotwatch.topics")
public record TopicSettings(
    @Bindable(defaultValue = "hotspot-events") String hotspotEvents,
    @Bindable(defaultValue = "trends") String trends,
    @Bindable(defaultValue = "scored-incidents") String scoredIncidents) {}
