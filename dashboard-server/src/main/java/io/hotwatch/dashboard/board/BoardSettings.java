package io.hotwatch.dashboard.board;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How the board forgets: {@code hotwatch.board.retention} (default 8 days: the engine's longest window and a day) is
 * how far a hotspot's latest event may lag the newest event time of its partition before the hotspot is dropped
 * without a {@code closed} event (and a closed one stops being remembered).
 */
@ConfigurationProperties("hotwatch.board")
public record BoardSettings(@Bindable(defaultValue = "8d") Duration retention) {}
