package io.hotwatch.dashboard.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * Topic names, shared with the pipeline: {@code hotwatch.topics.hotspot-events} and {@code hotwatch.topics.trends}
 * (empty: trends are not read).
 */
@ConfigurationProperties("hotwatch.topics")
public record TopicSettings(
    @Bindable(defaultValue = "hotspot-events") String hotspotEvents, @Bindable(defaultValue = "trends") String trends) {}
