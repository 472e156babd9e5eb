package io.hotwatch.dashboard.ops;

import io.hotwatch.dashboard.kafka.ScoredIncidentConsumer;
import io.hotwatch.dashboard.web.HotspotFeed;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/** The scored-incident feed as meters for {@code /prometheus}: records read and skipped, incidents kept. */
@Context
public final class IncidentMeters {

  public IncidentMeters(MeterRegistry meters, HotspotFeed feed, ScoredIncidentConsumer consumer) {
    FunctionCounter.builder("hotwatch.incidents.records.read", consumer, ScoredIncidentConsumer::recordsRead)
        .description("Scored-incident records read from Kafka")
        .register(meters);
    FunctionCounter.builder("hotwatch.incidents.records.malformed", consumer, ScoredIncidentConsumer::malformedRecords)
        .description("Scored-incident records skipped because they did not parse or validate")
        .register(meters);
    Gauge.builder("hotwatch.incidents.recent", feed, HotspotFeed::recentIncidents)
        .description("Recent scored incidents kept for the snapshots of clients that ask for incidents")
        .register(meters);
  }
}
