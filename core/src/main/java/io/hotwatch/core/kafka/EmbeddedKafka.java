package io.hotwatch.core.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster running inside this JVM (KRaft combined mode), for tests and the local demo.
 *
 * <p>The node is both broker and controller; the controller listens on a second port bound to 127.0.0.1. Storage is
 * formatted the way {@code kafka-storage format} does it before the server starts, unless the log directory already
 * holds a formatted cluster (a persistent demo directory), which is then reused with its data.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String HOST = "127.0.0.1";
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final int NODE_ID = 1;
  private static final Duration TOPIC_READY_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaRaftServer server;
  private final Path logDir;
  private final boolean deleteLogDirOnClose;
  private final int port;
  private boolean closed;

  private EmbeddedKafka(KafkaRaftServer server, Path logDir, boolean deleteLogDirOnClose, int port) {
    this.server = server;
    this.logDir = logDir;
    this.deleteLogDirOnClose = deleteLogDirOnClose;
    this.port = port;
  }

  /** Starts a broker on a free port with a temporary log directory that {@link #close()} deletes. */
  public static EmbeddedKafka start() throws Exception {
    Path dir = Files.createTempDirectory("hotwatch-kafka-");
    try {
      return start(dir, 0, true);
    } catch (Exception | Error e) {
      deleteRecursively(dir);
      throw e;
    }
  }

  /**
   * Starts a broker keeping its data in {@code logDir} (created if missing, kept on close) and listening on {@code
   * port}, or on any free port when {@code port} is 0.
   */
  public static EmbeddedKafka start(Path logDir, int port) throws Exception {
    return start(logDir, port, false);
  }

  private static EmbeddedKafka start(Path logDir, int requestedPort, boolean temporary) throws Exception {
    // A free port found here can be taken by another process before the broker binds it; then try other ports.
    int attempts = requestedPort == 0 ? 3 : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(logDir, requestedPort == 0 ? freePort() : requestedPort, temporary);
      } catch (RuntimeException e) {
        if (attempt >= attempts || !portTaken(e)) {
          throw e;
        }
        LOG.warn("Kafka broker port was taken meanwhile, trying another ({})", e.getMessage());
      }
    }
  }

  private static EmbeddedKafka startOnce(Path logDir, int port, boolean temporary) throws Exception {
    long started = System.nanoTime();
    Files.createDirectories(logDir);
    String dir = logDir.toAbsolutePath().toString();
    int controllerPort = freePort();
    KafkaConfig config = new KafkaConfig(brokerProperties(dir, port, controllerPort), false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      new Formatter()
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .setNodeId(NODE_ID)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(dir))
          .setMetadataLogDirectory(dir)
          .setControllerListenerName(CONTROLLER_LISTENER)
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      // Returns once the broker is unfenced and RUNNING, so clients can connect right away.
      server.startup();
    } catch (RuntimeException e) {
      server.shutdown();
      server.awaitShutdown();
      throw new IllegalStateException(
          "Kafka broker could not start on " + HOST + ":" + port + " (controller port " + controllerPort + "): "
              + e.getMessage(),
          e);
    }
    LOG.info(
        "Kafka broker at {}:{} started in {} ms (log dir {})",
        HOST, port, (System.nanoTime() - started) / 1_000_000, logDir);
    return new EmbeddedKafka(server, logDir, temporary, port);
  }

  private static boolean portTaken(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  private static Properties brokerProperties(String logDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", logDir);
    // One node: every internal topic has a single replica, and topics are created on purpose only.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("min.insync.replicas", "1");
    p.put("default.replication.factor", "1");
    p.put("auto.create.topics.enable", "false");
    // Consumers join a group without the 3 s wait meant for many members arriving at once.
    p.put("group.initial.rebalance.delay.ms", "0");
    // A small machine: fewer request threads than the server defaults, which size for dedicated hosts.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    return p;
  }

  /** The address clients connect to, {@code "127.0.0.1:PORT"}. */
  public String bootstrapServers() {
    return HOST + ":" + port;
  }

  public int port() {
    return port;
  }

  public Path logDir() {
    return logDir;
  }

  /**
   * Creates topics with the given partition count (replication factor 1), skipping those that already exist, and
   * returns once every partition has a leader.
   */
  public void createTopics(int partitions, String... topics) throws Exception {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions " + partitions + " must be at least 1");
    }
    List<String> names = Arrays.asList(topics);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
      for (String topic : names) {
        try {
          admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      awaitLeaders(admin, names);
    }
  }

  private static void awaitLeaders(Admin admin, Collection<String> topics) throws Exception {
    long deadline = System.nanoTime() + TOPIC_READY_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
        boolean ready =
            described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (ready) {
          return;
        }
      } catch (ExecutionException e) {
        // The broker's metadata cache may not know a just-created topic yet; ask again.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " have no partition leaders after " + TOPIC_READY_TIMEOUT);
      }
      Thread.sleep(50);
    }
  }

  /** Shuts the node down and waits for it; a temporary log directory is deleted. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.shutdown();
    server.awaitShutdown();
    if (deleteLogDirOnClose) {
      deleteRecursively(logDir);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    }
  }

  private static void deleteRecursively(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete Kafka log directory " + dir, e);
    }
  }
}
