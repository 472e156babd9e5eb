package io.hotwatch.dashboard.kafka;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Topic names, shared with the pipeline: {@code hotwatch.topics.hotspot-events}. */
@ConfigurationProperties("hotwatch.topics")
public record TopicSettings(@Bindable(defaultValue = "hotspot-events") String hotspotEvents) {}
