package io.hotwatch.dashboard;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The live hotspot map server: {@link #main} for a standalone process, {@link #start} for running it inside another
 * JVM (the demo) on a chosen port against a chosen broker and topic, closed with {@link #close}.
 */
public final class DashboardServer implements AutoCloseable {

  /** Kafka bootstrap servers the hotspot consumer connects to. */
  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  /** Topic of hotspot events. */
  public static final String HOTSPOT_TOPIC = "hotwatch.topics.hotspot-events";
  /** HTTP port; 0 or -1 picks a free one. */
  public static final String PORT = "micronaut.server.port";

  private final ApplicationContext context;
  private final EmbeddedServer server;

  private DashboardServer(ApplicationContext context, EmbeddedServer server) {
    this.context = context;
    this.server = server;
  }

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(DashboardServer.class).banner(false).start();
  }

  /**
   * Starts the server in this JVM with these properties on top of {@code application.yml} (any key of it, plus
   * {@link #BOOTSTRAP_SERVERS}, {@link #HOTSPOT_TOPIC}, {@link #PORT}) and returns once it listens and its consumer
   * runs. The logins and the token secret must be among them or in the environment, e.g.
   * {@link io.hotwatch.dashboard.security.GeneratedLogins#properties()}.
   */
  public static DashboardServer start(Map<String, Object> properties) {
    Map<String, Object> effective = new HashMap<>(properties);
    // Micronaut takes -1 for "any free port"; 0 is the usual spelling elsewhere.
    effective.computeIfPresent(PORT, (key, port) -> Integer.valueOf(0).equals(port) ? -1 : port);
    ApplicationContext context =
        ApplicationContext.builder()
            .mainClass(DashboardServer.class)
            .properties(effective)
            // Skips probing for cloud platforms: a local demo has none, and the probes cost seconds.
            .deduceEnvironment(false)
            .banner(false)
            .start();
    try {
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      return new DashboardServer(context, server);
    } catch (RuntimeException e) {
      context.close();
      throw e;
    }
  }

  /** Base URL, e.g. {@code http://localhost:8080}. */
  public URI uri() {
    return server.getURI();
  }

  public int port() {
    return server.getPort();
  }

  public ApplicationContext context() {
    return context;
  }

  /**
   * Stops the HTTP server, closes the sockets and then the Kafka consumer (it has left its group when this returns),
   * so a broker in the same JVM can be stopped right after.
   */
  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      if (context.isRunning()) {
        context.close();
      }
    }
  }
}
