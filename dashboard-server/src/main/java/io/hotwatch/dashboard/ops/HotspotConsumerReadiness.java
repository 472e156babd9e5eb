package io.hotwatch.dashboard.ops;

import io.hotwatch.dashboard.kafka.HotspotAlertConsumer;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Ready once the hotspot consumer has been given the topic's partitions: before that the board is empty because
 * nothing was read yet, not because nothing is happening, and a load balancer should not send screens here.
 */
@Singleton
@Readiness
public final class HotspotConsumerReadiness implements HealthIndicator {

  private final HotspotAlertConsumer consumer;

  public HotspotConsumerReadiness(HotspotAlertConsumer consumer) {
    this.consumer = consumer;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    HealthStatus status = consumer.assigned() ? HealthStatus.UP : HealthStatus.DOWN;
    return Publishers.just(
        HealthResult.builder("hotspot-events", status)
            .details(Map.of("topic", consumer.topic(), "recordsRead", consumer.recordsRead()))
            .build());
  }
}
