package io.hotwatch.dashboard.ops;

import io.hotwatch.dashboard.board.HotspotBoard;
import io.hotwatch.dashboard.kafka.HotspotAlertConsumer;
import io.hotwatch.dashboard.web.HotspotFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/** The feed's state as meters for {@code /prometheus}: connected clients, open hotspots, records read and skipped. */
@Context
public final class FeedMeters {

  public FeedMeters(MeterRegistry meters, HotspotFeed feed, HotspotBoard board, HotspotAlertConsumer consumer) {
    Gauge.builder("hotwatch.websocket.clients", feed, HotspotFeed::openSessions)
        .description("Open WebSocket sessions")
        .register(meters);
    Gauge.builder("hotwatch.hotspots.open", board, HotspotBoard::size)
        .description("Hotspots open on the board")
        .register(meters);
    FunctionCounter.builder("hotwatch.kafka.records.read", consumer, HotspotAlertConsumer::recordsRead)
        .description("Hotspot-event records read from Kafka")
        .register(meters);
    FunctionCounter.builder("hotwatch.kafka.records.malformed", consumer, HotspotAlertConsumer::malformedRecords)
        .description("Hotspot-event records skipped because they did not parse or validate")
        .register(meters);
  }
}
