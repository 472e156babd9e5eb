package io.hotwatch.dashboard.board;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the board forgets: {@code hotwatch.board.retention} (default 2 h) is how far a hotspot's window end may lag the
 * newest event time before the entry is dropped without a {@code cleared} event.
 */
@ConfigurationProperties("hotwatch.board")
public record BoardSettings(@Bindable(defaultValue = "2h") Duration retention) {}
