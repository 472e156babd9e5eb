package io.hotwatch.dashboard.stream;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/** The live stream's counters as meters: messages sent, filtered out and dropped by reason, slow clients, resumes. */
@Context
public final class StreamMeters {

  public StreamMeters(MeterRegistry meters, StreamCounters counters) {
    counter(meters, "hotwatch.websocket.messages.sent", "Messages written to WebSocket clients", counters,
        c -> c.sent);
    counter(meters, "hotwatch.websocket.messages.filtered", "Messages a client's filter kept from it", counters,
        c -> c.filteredOut);
    FunctionCounter.builder("hotwatch.websocket.messages.dropped", counters, c -> c.droppedSlowClient.doubleValue())
        .tag("reason", "slow-client")
        .description("Messages not delivered because the client's queue was full")
        .register(meters);
    FunctionCounter.builder("hotwatch.websocket.messages.dropped", counters, c -> c.droppedClosed.doubleValue())
        .tag("reason", "closed")
        .description("Messages not delivered because the client's connection closed first")
        .register(meters);
    counter(meters, "hotwatch.websocket.slow.clients.dropped", "Clients disconnected with code 4001", counters,
        c -> c.slowClientsDropped);
    counter(meters, "hotwatch.websocket.resumes", "Reconnections served from the retained messages", counters,
        c -> c.resumed);
    counter(meters, "hotwatch.websocket.resume.snapshots", "Reconnections answered with a snapshot", counters,
        c -> c.resumeSnapshots);
  }

  private static void counter(MeterRegistry meters, String name, String description, StreamCounters counters,
      Function<StreamCounters, LongAdder> adder) {
    FunctionCounter.builder(name, counters, c -> adder.apply(c).doubleValue())
        .description(description)
        .register(meters);
  }
}
