package io.hotwatch.dashboard.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the page needs to draw its base map: {@code hotwatch.map.tile-url} (a Leaflet URL template such as
 * {@code https://tile.example.org/{z}/{x}/{y}.png}; none by default, the page then draws districts on a plain
 * background) and {@code hotwatch.map.tile-attribution}.
 */
@Serdeable
@ConfigurationProperties("hotwatch.map")
public record MapSettings(@Nullable String tileUrl, @Bindable(defaultValue = "") String tileAttribution) {}
